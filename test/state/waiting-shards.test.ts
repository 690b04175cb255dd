import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_INDEX_LAG_MS } from "@recap/local/strict/local-dynamo";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  closeShard,
  enqueueShard,
  markAnnounced,
  markCreated,
  openShards,
  type SealedShard,
} from "../../services/job-submitter/src/waiting-shards.ts";
import { startLocalTable } from "../support/local-table.ts";

/** job-submitter's table on the strict local DynamoDB, whose `open` index lags 1 s behind the table. */
let local: Awaited<ReturnType<typeof startLocalTable>>;
beforeAll(async () => {
  local = await startLocalTable("job-submitter");
});
afterAll(async () => {
  await local?.stop();
});

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const indexLag = () => sleep(DEFAULT_INDEX_LAG_MS + 300);

let n = 0;
function sealed(earliestDeadline?: string): SealedShard {
  n += 1;
  return {
    shardId: `b-${String(n).padStart(4, "0")}`,
    modelId: MODEL,
    profile: "default",
    kind: "batch",
    inputUri: `s3://store/shards/b-${n}/input.jsonl`,
    recordMapUri: `s3://store/shards/b-${n}/record-map.jsonl`,
    records: 100,
    bytes: 10_000,
    estimatedInputTokens: 2_500,
    sealedAt: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
    ...(earliestDeadline ? { earliestDeadline } : {}),
  };
}

describe("job-submitter's waiting shards while the open index lags", () => {
  test("a shard whose job was just created and announced is read as announced, not waiting; a closed one is gone", async () => {
    const [announced, closed, waiting] = [sealed(), sealed(), sealed()];
    for (const shard of [announced, closed, waiting]) await enqueueShard(local.db, local.table, shard);
    await indexLag();
    const job = {
      jobArn: "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/j1",
      jobName: "recap-j1",
      submittedAt: "2026-12-01T01:00:00.000Z",
    };
    expect(await markCreated(local.db, local.table, announced.shardId, job)).toBe(true);
    await markAnnounced(
      local.db,
      local.table,
      { ...announced, ...job, state: "created" },
      Date.now() + 60_000,
    );
    await closeShard(local.db, local.table, closed.shardId);
    // The index still lists all three as waiting: a fill acting on that would ask Bedrock for a second job.
    const open = await openShards(local.db, local.table, MODEL);
    expect(open.map((s) => [s.shardId, s.state])).toEqual([
      [announced.shardId, "announced"],
      [waiting.shardId, "waiting"],
    ]);
    expect(open[0]?.jobArn).toBe(job.jobArn);
  });

  test("a shard enqueued a moment ago is found when named, in slot order, before the index lists it", async () => {
    const urgent = sealed("2026-12-01T03:00:00.000Z");
    await enqueueShard(local.db, local.table, urgent);
    expect((await openShards(local.db, local.table, MODEL)).map((s) => s.shardId)).not.toContain(
      urgent.shardId,
    );
    const open = await openShards(local.db, local.table, MODEL, [urgent.shardId]);
    // The earliest deadline goes first.
    expect(open[0]).toMatchObject({ shardId: urgent.shardId, state: "waiting" });
  });
});
