import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { RecordMapEntry } from "@recap/shared";
import { recordIdOf } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HarvestStepBusyError, underStepLease } from "../../services/result-publisher/src/step-lease.ts";
import {
  claimSummary,
  markAnnounced,
  recordFailure,
  unsettled,
} from "../../services/result-publisher/src/unit-outcomes.ts";
import { startLocalTable } from "../support/local-table.ts";

/** result-publisher's table on a real DynamoDB API (dynalite on loopback): one outcome per unit of work. */
let local: Awaited<ReturnType<typeof startLocalTable>>;
beforeAll(async () => {
  local = await startLocalTable("result-publisher");
});
afterAll(async () => {
  await local.stop();
});

let n = 0;
function entry(attempt = 1, transcriptId = `call-${++n}`): RecordMapEntry {
  const unit = { transcriptId, version: "0123456789abcdef", profile: "default", attempt };
  return {
    ...unit,
    recordId: recordIdOf(unit),
    transcriptUri: `s3://store-bucket/normalized/${transcriptId}.json`,
    promptVersion: "call-summary@1",
    estimatedInputTokens: 100,
    metadata: {},
  };
}
const failure = (e: RecordMapEntry, code: "model-error" | "truncated" = "model-error") => ({
  attempt: e.attempt,
  recordId: e.recordId,
  shardId: "s1",
  failure: { code, message: "boom" },
});

describe("unit outcomes", () => {
  test("one record claims the unit's summary, again and again; another record of the unit cannot", async () => {
    const first = entry(1);
    const claims = await Promise.all([1, 2, 3].map(() => claimSummary(local.db, local.table, first)));
    expect(claims).toEqual(["claimed", "claimed", "claimed"]);
    expect(await claimSummary(local.db, local.table, entry(2, first.transcriptId))).toBeUndefined();
  });

  test("once its summary.ready is out, a record's claim says so: a re-harvest skips it", async () => {
    const first = entry(1);
    expect(await claimSummary(local.db, local.table, first)).toBe("claimed");
    await markAnnounced(local.db, local.table, [first]);
    expect(await claimSummary(local.db, local.table, first)).toBe("announced");
    expect(await claimSummary(local.db, local.table, entry(2, first.transcriptId))).toBeUndefined();
  });

  test("a failed attempt asks for a retry until the last attempt, which lists every attempt's reason", async () => {
    const one = entry(1);
    expect(await recordFailure(local.db, local.table, one, failure(one), false)).toEqual({
      decided: "retry",
    });
    const two = entry(2, one.transcriptId);
    expect(await recordFailure(local.db, local.table, two, failure(two, "truncated"), false)).toEqual({
      decided: "retry",
    });
    const three = entry(3, one.transcriptId);
    const final = await recordFailure(local.db, local.table, three, failure(three), true);
    expect(final).toEqual({
      decided: "failed",
      attempts: [failure(one), failure(two, "truncated"), failure(three)],
    });
    // The same last record again (a redelivered chunk) gets the same answer; the unit cannot also succeed.
    expect(await recordFailure(local.db, local.table, three, failure(three), true)).toEqual(final);
    expect(await claimSummary(local.db, local.table, three)).toBeUndefined();
  });

  test("a late copy of an earlier failed record asks for nothing once the unit has its summary", async () => {
    const one = entry(1);
    await recordFailure(local.db, local.table, one, failure(one), false);
    const two = entry(2, one.transcriptId);
    expect(await claimSummary(local.db, local.table, two)).toBe("claimed");
    expect(await recordFailure(local.db, local.table, one, failure(one), false)).toBeUndefined();
  });

  test("unsettled finds exactly the records no harvest has settled, across BatchGet pages", async () => {
    const entries = Array.from({ length: 230 }, () => entry(1));
    for (const [i, e] of entries.entries()) {
      if (i % 3 === 0) await claimSummary(local.db, local.table, e);
      if (i % 3 === 1) await recordFailure(local.db, local.table, e, failure(e), false);
    }
    const left = await unsettled(local.db, local.table, entries, () => false);
    expect(left.map((e) => e.recordId)).toEqual(entries.filter((_, i) => i % 3 === 2).map((e) => e.recordId));
  });

  test("keys DynamoDB leaves unprocessed are asked for again, never taken for unsettled records", async () => {
    // The same table on a DynamoDB that leaves half of every BatchGetItem's keys unprocessed.
    const busy = await startLocalTable("result-publisher", { unprocessedKeysRate: 0.5 });
    try {
      const entries = Array.from({ length: 150 }, () => entry(1));
      for (const [i, e] of entries.entries()) if (i % 2 === 0) await claimSummary(busy.db, busy.table, e);
      const left = await unsettled(busy.db, busy.table, entries, () => false);
      expect(left.map((e) => e.recordId)).toEqual(
        entries.filter((_, i) => i % 2 === 1).map((e) => e.recordId),
      );
      expect(busy.dynamo.heldBack()).toBeGreaterThan(30);
    } finally {
      await busy.stop();
    }
  });

  test("a sweep cut short after writing its failures settles them again; a chunk's own failures stay settled", async () => {
    const swept = { code: "job-ended" as const, message: "job ended Failed" };
    const bySweep = Array.from({ length: 3 }, () => entry(1));
    const byChunk = entry(1);
    const lastBySweep = entry(3);
    for (const e of bySweep)
      await recordFailure(local.db, local.table, e, { ...failure(e), failure: swept }, false);
    await recordFailure(local.db, local.table, byChunk, failure(byChunk), false);
    await recordFailure(
      local.db,
      local.table,
      lastBySweep,
      { ...failure(lastBySweep), failure: swept },
      true,
    );
    const sweepsOwn = (f: { code: string }) => f.code === "job-ended";
    const again = await unsettled(local.db, local.table, [...bySweep, byChunk, lastBySweep], sweepsOwn);
    expect(again.map((e) => e.recordId)).toEqual([...bySweep, lastBySweep].map((e) => e.recordId));
    // Settling again repeats the same answers: a retry, and the summary.failed with every attempt.
    expect(
      await recordFailure(
        local.db,
        local.table,
        bySweep[0] as RecordMapEntry,
        { ...failure(bySweep[0] as RecordMapEntry), failure: swept },
        false,
      ),
    ).toEqual({ decided: "retry" });
  });
});

describe("harvest step leases", () => {
  test("a copy waits for the holder and then runs, one after the other, never at once", async () => {
    const running: string[] = [];
    const log: string[] = [];
    const step = (name: string) => async () => {
      running.push(name);
      log.push(`${name} with ${running.length - 1} others`);
      await new Promise((r) => setTimeout(r, 300));
      running.splice(running.indexOf(name), 1);
      return name;
    };
    const results = await Promise.all(
      ["a", "b", "c"].map((name) => underStepLease(local.db, local.table, "s-wait#0", step(name))),
    );
    expect(results.sort()).toEqual(["a", "b", "c"]);
    expect(log.map((l) => l.slice(1))).toEqual([" with 0 others", " with 0 others", " with 0 others"]);
  });

  test("a copy that outwaits a live holder's lease goes back to the queue", { timeout: 30_000 }, async () => {
    let release = () => {};
    const holding = underStepLease(
      local.db,
      local.table,
      "s-copies#0",
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    await new Promise((r) => setTimeout(r, 100));
    await expect(
      underStepLease(local.db, local.table, "s-copies#0", async () => "copy"),
    ).rejects.toBeInstanceOf(HarvestStepBusyError);
    // Another step of the same job is not held.
    expect(await underStepLease(local.db, local.table, "s-copies#1", async () => "other")).toBe("other");
    release();
    await holding;
    expect(await underStepLease(local.db, local.table, "s-copies#0", async () => "again")).toBe("again");
  });

  test("a holder that died (its lease ran out) does not block the step", async () => {
    await local.db.send(
      new PutCommand({
        TableName: local.table,
        Item: { pk: "HL#s-dead#0", leaseOwner: "killed-worker", leaseUntil: Date.now() - 1 },
      }),
    );
    expect(await underStepLease(local.db, local.table, "s-dead#0", async () => "taken")).toBe("taken");
  });

  test("a failing step lets go of its lease", async () => {
    await expect(
      underStepLease(local.db, local.table, "s-fails#0", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await underStepLease(local.db, local.table, "s-fails#0", async () => "retried")).toBe("retried");
  });
});
