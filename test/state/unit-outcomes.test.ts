import type { RecordMapEntry } from "@recap/shared";
import { recordIdOf } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { claimSummary, recordFailure, unsettled } from "../../services/result-publisher/src/unit-outcomes.ts";
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
    expect(claims).toEqual([true, true, true]);
    expect(await claimSummary(local.db, local.table, entry(2, first.transcriptId))).toBe(false);
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
    expect(await claimSummary(local.db, local.table, three)).toBe(false);
  });

  test("a late copy of an earlier failed record asks for nothing once the unit has its summary", async () => {
    const one = entry(1);
    await recordFailure(local.db, local.table, one, failure(one), false);
    const two = entry(2, one.transcriptId);
    expect(await claimSummary(local.db, local.table, two)).toBe(true);
    expect(await recordFailure(local.db, local.table, one, failure(one), false)).toBeUndefined();
  });

  test("unsettled finds exactly the records no harvest has settled, across BatchGet pages", async () => {
    const entries = Array.from({ length: 230 }, () => entry(1));
    for (const [i, e] of entries.entries()) {
      if (i % 3 === 0) await claimSummary(local.db, local.table, e);
      if (i % 3 === 1) await recordFailure(local.db, local.table, e, failure(e), false);
    }
    const left = await unsettled(local.db, local.table, entries);
    expect(left.map((e) => e.recordId)).toEqual(entries.filter((_, i) => i % 3 === 2).map((e) => e.recordId));
  });
});
