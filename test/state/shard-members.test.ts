import { setTimeout as sleep } from "node:timers/promises";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startLoopbackFauxqs } from "@recap/local/loopback-fauxqs";
import { DEFAULT_INDEX_LAG_MS } from "@recap/local/strict/local-dynamo";
import {
  createEvent,
  type RecapEvent,
  type RecordMapEntry,
  recordIdOf,
  recordRetrying,
  resolveConfig,
  transcriptNormalized,
  type UnitOfWork,
} from "@recap/shared";
import { createLogger } from "@recap/shared/runtime";
import type { SQSRecord } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import userConfig from "../../recap.config.ts";
import { type Group, groupKey } from "../../services/shard-builder/src/group-key.ts";
import { readGroup } from "../../services/shard-builder/src/group-state.ts";
import {
  claimMember,
  firstPending,
  type Member,
  MemberClaimedElsewhereError,
  putMemberOnce,
  releaseMember,
} from "../../services/shard-builder/src/members.ts";
import type { SealingRules } from "../../services/shard-builder/src/pack-shards.ts";
import { planShard } from "../../services/shard-builder/src/plan-shard.ts";
import type { SealDeps } from "../../services/shard-builder/src/seal-shard.ts";
import { shardKeys } from "../../services/shard-builder/src/shard-id.ts";
import { createBatchHandler } from "../../services/shard-builder/src/take-batch.ts";
import { PART_BYTES, uploadLines } from "../../services/shard-builder/src/upload-lines.ts";
import { startLocalTable } from "../support/local-table.ts";
import { listKeys, readJsonLines, readText } from "../support/s3-text.ts";

const BUCKET = "recap-test-store";
const VERSION = "0123456789abcdef";
const QUOTAS = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxInputFileBytes: 200_000_000,
  maxJobInputBytes: 1_000_000_000,
  maxActiveJobs: 10,
};
let local: Awaited<ReturnType<typeof startLocalTable>>;
let fauxqs: Awaited<ReturnType<typeof startLoopbackFauxqs>>;
let s3: S3Client;
beforeAll(async () => {
  local = await startLocalTable("shard-builder");
  fauxqs = await startLoopbackFauxqs({ port: 0 });
  s3 = new S3Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${fauxqs.port}`,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => {
  s3?.destroy();
  await fauxqs?.stop();
  await local?.stop();
});

/** Long enough for the pending indexes to have caught up with the table. */
const indexLag = () => sleep(DEFAULT_INDEX_LAG_MS + 300);

let n = 0;
function member(group: string, extra: Partial<Member> = {}): Member {
  const i = ++n;
  const recordId = `R${String(i).padStart(10, "0")}`;
  return {
    group,
    recordId,
    arrival: `2026-12-01T10:00:${String(i % 60).padStart(2, "0")}.000Z#${recordId}`,
    bytes: 100,
    transcriptId: `call-${i}`,
    version: VERSION,
    profile: "default",
    attempt: 1,
    transcriptUri: `s3://recap-local-store/normalized/call-${i}/0123456789abcdef/default.json`,
    promptVersion: "call-summary@1",
    estimatedInputTokens: 25,
    metadata: {},
    ...extra,
  };
}

describe("shard-builder's members, against DynamoDB's API", () => {
  test("a unit of work is recorded once, whoever writes it again", async () => {
    const m = member("g1");
    expect(await putMemberOnce(local.db, local.table, m)).toBe(true);
    expect(await putMemberOnce(local.db, local.table, m)).toBe(false);
  });

  test("a member belongs to one shard only; the same shard may claim it again (a resumed seal)", async () => {
    const m = member("g2");
    await putMemberOnce(local.db, local.table, m);
    await claimMember(local.db, local.table, m.recordId, "b-one");
    await claimMember(local.db, local.table, m.recordId, "b-one");
    await expect(claimMember(local.db, local.table, m.recordId, "b-two")).rejects.toThrow(
      MemberClaimedElsewhereError,
    );
    expect(await firstPending(local.db, local.table, "g2", "arrival")).toBeUndefined();
  });

  test("a claimed member leaves both pending indexes; released by its shard, it is back in both as it was", async () => {
    const m = member("g3", { deadline: "2026-12-02T00:00:00.000Z" });
    await putMemberOnce(local.db, local.table, m);
    await indexLag();
    expect((await firstPending(local.db, local.table, "g3", "deadline"))?.recordId).toBe(m.recordId);
    await claimMember(local.db, local.table, m.recordId, "b-three");
    await indexLag();
    expect(await firstPending(local.db, local.table, "g3", "deadline")).toBeUndefined();
    await releaseMember(local.db, local.table, m.recordId, "b-other", true);
    await indexLag();
    expect(await firstPending(local.db, local.table, "g3", "arrival")).toBeUndefined();
    await releaseMember(local.db, local.table, m.recordId, "b-three", true);
    await indexLag();
    expect((await firstPending(local.db, local.table, "g3", "arrival"))?.recordId).toBe(m.recordId);
    expect((await firstPending(local.db, local.table, "g3", "deadline"))?.recordId).toBe(m.recordId);
    await claimMember(local.db, local.table, m.recordId, "b-four");
  });

  test("a plan from a lagging index writes its record map without the members a shard already holds", async () => {
    const members = Array.from({ length: 150 }, () => member("g4", { language: "en" }));
    const claimed = new Set(members.filter((_, i) => i % 7 === 0).map((m) => m.recordId));
    for (const m of members) await putMemberOnce(local.db, local.table, m);
    await indexLag();
    // Claimed in the table a moment ago, so still listed by the lagging pending index the planner reads.
    for (const recordId of claimed) await claimMember(local.db, local.table, recordId, "b-elsewhere");
    const rules: SealingRules = {
      quotas: { ...QUOTAS, minRecordsPerJob: 1 },
      maxWaitSeconds: 60,
      deadlineLeadSeconds: 0,
      tailPolicy: "on-demand",
      lane: "first",
    };
    const group: Group = { modelId: "m", profile: "g4", lane: "first" };
    const later = () => new Date("2026-12-01T11:00:00.000Z");
    const plan = await planShard(sealDeps(), group, "g4", rules, later);

    const byArrival = members.filter((m) => !claimed.has(m.recordId));
    byArrival.sort((a, b) => (a.arrival < b.arrival ? -1 : 1));
    const unclaimed = byArrival.map((m) => m.recordId);
    expect(plan?.recordIds).toEqual(unclaimed);
    expect(plan?.seal.records).toBe(unclaimed.length);
    const map = await readJsonLines<RecordMapEntry>(
      s3,
      `s3://${BUCKET}/${shardKeys(plan?.seal.shardId ?? "").recordMap}`,
    );
    expect(map.map((e) => e.recordId)).toEqual(unclaimed);
    expect(map[0]).toEqual({
      transcriptId: byArrival[0]?.transcriptId,
      version: VERSION,
      profile: "default",
      attempt: 1,
      recordId: unclaimed[0],
      transcriptUri: byArrival[0]?.transcriptUri,
      promptVersion: "call-summary@1",
      estimatedInputTokens: 25,
      language: "en",
      metadata: {},
    });
  });
});

// Under the wait policy a first-attempt tail waits for more; a retry's never does.
const config = resolveConfig(userConfig, "local", { profiles: { notebook: { tailPolicy: "wait" } } });
const logger = createLogger("shard-builder");
logger.setLogLevel("SILENT");
/** A fixed clock: no seal falls due while a test runs, however slow the machine. */
const clock = new Date("2026-12-01T10:00:00.000Z");

/** What a sealer works with: the local table and S3, a lease it always holds, events kept in `published`. */
function sealDeps(published: RecapEvent[] = []): SealDeps {
  return {
    db: local.db,
    table: local.table,
    s3,
    bucket: BUCKET,
    logger,
    owner: "test",
    renewLease: async () => true,
    publish: async (...events) => {
      published.push(...events);
    },
  };
}

/** The builder's batch handler on the local table and S3, publishing into `published`. */
function builder(published: RecapEvent[] = [], now = () => clock) {
  return createBatchHandler(
    () => ({
      db: local.db,
      table: local.table,
      s3,
      bucket: BUCKET,
      config,
      logger,
      now,
      quotasOf: async (modelId) => config.models[modelId]?.quotas ?? Promise.reject(new Error(modelId)),
      publish: async (...events) => {
        published.push(...events);
      },
    }),
    async (_record, error) => {
      throw error;
    },
  );
}

const unitOf = (transcriptId: string, profile: string, attempt: number): UnitOfWork => ({
  transcriptId,
  version: VERSION,
  profile,
  attempt,
});
const laneKey = (profile: string, lane: Group["lane"]) =>
  groupKey({ modelId: config.profiles[profile]?.modelId ?? "", profile, lane });

/** A normalized transcript stored where ingest stores it. */
async function storedTranscript(transcriptId: string): Promise<string> {
  const key = `normalized/${transcriptId}/${VERSION}.json`;
  const transcript = {
    schemaVersion: 1,
    transcriptId,
    version: VERSION,
    sourceFormat: "plain-text",
    language: "de",
    channel: "voice",
    turns: [
      { role: "agent", speaker: "Agent", text: "Guten Tag, wie kann ich helfen?" },
      { role: "customer", speaker: "Kunde", text: "Meine Rechnung ist doppelt." },
    ],
    profile: "default",
    metadata: {},
  };
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(transcript) }));
  return `s3://${BUCKET}/${key}`;
}

function normalizedOf(unit: UnitOfWork, transcriptUri: string): RecapEvent<"transcript.normalized"> {
  return createEvent(transcriptNormalized, {
    producer: "ingest-normalizer",
    correlationId: unit.transcriptId,
    data: {
      transcriptId: unit.transcriptId,
      version: unit.version,
      transcriptUri,
      bytes: 400,
      estimatedInputTokens: 100,
      turns: 2,
      language: "de",
      channel: "voice",
      profile: unit.profile,
      metadata: { tenant: "acme" },
    },
  });
}

function retryOf(unit: UnitOfWork, transcriptUri: string): RecapEvent<"record.retrying"> {
  return createEvent(recordRetrying, {
    producer: "result-publisher",
    correlationId: unit.transcriptId,
    data: {
      unit,
      previous: {
        recordId: recordIdOf({ ...unit, attempt: unit.attempt - 1 }),
        shardId: "b-0123456789abcdef0123",
        failure: { code: "invalid-summary", message: "the answer is not JSON" },
      },
      transcriptUri,
      language: "de",
      metadata: { tenant: "acme" },
    },
  });
}

/** SQS records carrying `bodies` (events, or the schedule's tick), as raw delivery hands them to the Lambda. */
function sqsEvent(...bodies: object[]): { Records: SQSRecord[] } {
  return {
    Records: bodies.map((body, i) => ({ messageId: `m-${i}`, body: JSON.stringify(body) }) as SQSRecord),
  };
}

const tickAt = (time: Date) => ({
  source: "aws.events",
  "detail-type": "Scheduled Event",
  id: `tick-${time.getTime()}`,
  time: time.toISOString(),
});

describe("shard-builder's entry and sealing of retries, against DynamoDB's and S3's APIs", () => {
  test("a record.retrying is entered once, under its new attempt's recordId, in the retry lane", async () => {
    const unit = unitOf("call-retried", "default", 2);
    const retry = retryOf(unit, await storedTranscript(unit.transcriptId));
    const handle = builder();
    // Delivered twice in one batch, then once more in another (a redelivery after a lost acknowledgement).
    expect((await handle(sqsEvent(retry, retry))).batchItemFailures).toEqual([]);
    expect((await handle(sqsEvent(retry))).batchItemFailures).toEqual([]);

    await indexLag();
    const pending = await firstPending(local.db, local.table, laneKey("default", "retry"), "arrival");
    expect(pending?.recordId).toBe(recordIdOf(unit));
    expect(pending?.recordId).not.toBe(recordIdOf({ ...unit, attempt: 1 }));
    expect(pending).toMatchObject({ attempt: 2, transcriptUri: retry.data.transcriptUri });
    expect((await readGroup(local.db, local.table, laneKey("default", "retry"))).records).toBe(1);
    expect(await firstPending(local.db, local.table, laneKey("default", "first"), "arrival")).toBeUndefined();
  });

  test("a tick seals both lanes; record maps carry the language; a retry tail goes on-demand under any policy", async () => {
    const published: RecapEvent[] = [];
    let now = clock;
    const handle = builder(published, () => now);
    const arrivals = [
      normalizedOf(unitOf("call-first", "nova-lite", 1), await storedTranscript("call-first")),
      retryOf(unitOf("call-again", "nova-lite", 2), await storedTranscript("call-again")),
      normalizedOf(unitOf("call-waits", "notebook", 1), await storedTranscript("call-waits")),
      retryOf(unitOf("call-late", "notebook", 3), await storedTranscript("call-late")),
    ];
    expect((await handle(sqsEvent(...arrivals))).batchItemFailures).toEqual([]);
    expect(published).toEqual([]);

    // A minute later by the sealer's clock; the pending index has caught up by then, as on AWS.
    await indexLag();
    now = new Date(clock.getTime() + 60_000);
    // A tick SQS delivers again (its invocation timed out) is acknowledged without a sweep; a fresh one sweeps.
    const repeated = { ...sqsEvent(tickAt(now)).Records[0], attributes: { ApproximateReceiveCount: "2" } };
    expect((await handle({ Records: [repeated as SQSRecord] })).batchItemFailures).toEqual([]);
    expect(published).toEqual([]);
    expect((await handle(sqsEvent(tickAt(now)))).batchItemFailures).toEqual([]);
    const sealed = published.filter((e): e is RecapEvent<"shard.sealed"> => e.type === "shard.sealed");
    const ours = sealed.filter((e) => e.data.profile !== "default");
    expect(ours.map((e) => [e.data.profile, e.data.kind]).sort()).toEqual([
      ["notebook", "on-demand"],
      ["nova-lite", "on-demand"],
      ["nova-lite", "on-demand"],
    ]);
    expect(new Set(ours.map((e) => e.data.shardId)).size).toBe(3);
    const entries = (
      await Promise.all(ours.map((e) => readJsonLines<RecordMapEntry>(s3, e.data.recordMapUri)))
    ).flat();
    expect(entries.map((e) => [e.transcriptId, e.attempt, e.language]).sort()).toEqual([
      ["call-again", 2, "de"],
      ["call-first", 1, "de"],
      ["call-late", 3, "de"],
    ]);
    expect(
      (await firstPending(local.db, local.table, laneKey("notebook", "first"), "arrival"))?.recordId,
    ).toBe(recordIdOf(unitOf("call-waits", "notebook", 1)));
  });
});

describe("shard-builder's line uploads, against S3's API", () => {
  /** The `i`th of some 1,000-byte lines, numbered so that a part out of order would show. */
  const lineOf = (i: number) => `${String(i).padStart(9, "0")}${"x".repeat(990)}\n`;
  function* lines(count: number) {
    for (let i = 0; i < count; i++) yield lineOf(i);
  }

  test("lines of two and a half parts go up in parts and read back byte for byte", async () => {
    const count = Math.ceil((2.5 * PART_BYTES) / 1_000);
    await uploadLines(s3, BUCKET, "uploads/parts.jsonl", lines(count));
    const text = await readText(s3, `s3://${BUCKET}/uploads/parts.jsonl`);
    expect(text.length).toBe(count * 1_000);
    expect(text === Array.from({ length: count }, (_, i) => lineOf(i)).join("")).toBe(true);
  });

  test("lines that fail after the first part leave no object behind", async () => {
    async function* failing() {
      yield* lines(Math.ceil((1.5 * PART_BYTES) / 1_000));
      throw new Error("the lines failed");
    }
    await expect(uploadLines(s3, BUCKET, "uploads/failed.jsonl", failing())).rejects.toThrow(
      "the lines failed",
    );
    expect(await listKeys(s3, `s3://${BUCKET}/uploads/failed`)).toEqual([]);
  });
});
