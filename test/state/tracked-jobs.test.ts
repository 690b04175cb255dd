import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_INDEX_LAG_MS } from "@recap/local/strict/local-dynamo";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  claimStuck,
  markAnnounced,
  openJobs,
  recordFinished,
  recordProgress,
  type SubmittedJob,
  trackedJob,
  trackJob,
} from "../../services/status-watcher/src/tracked-jobs.ts";
import { startLocalTable } from "../support/local-table.ts";

/** status-watcher's table on a real DynamoDB API (dynalite on loopback), with the topology's indexes. */
let local: Awaited<ReturnType<typeof startLocalTable>>;
beforeAll(async () => {
  local = await startLocalTable("status-watcher");
});
afterAll(async () => {
  await local.stop();
});

let n = 0;
function submitted(): SubmittedJob {
  n += 1;
  return {
    shardId: `s${n}`,
    kind: "batch",
    jobArn: `arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/j${n}`,
    jobName: `recap-local-s${n}`,
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    profile: "default",
    inputUri: `s3://store-bucket/shards/s${n}/input.jsonl`,
    outputUri: `s3://store-bucket/outputs/s${n}/`,
    recordMapUri: `s3://store-bucket/shards/s${n}/record-map.jsonl`,
    records: 100,
    submittedAt: new Date(Date.UTC(2026, 11, 1, 0, n)).toISOString(),
  };
}

async function tracked(jobArn: string) {
  const job = await trackedJob(local.db, local.table, jobArn);
  if (!job) throw new Error(`${jobArn} is not tracked`);
  return job;
}

const finishedOf = (job: SubmittedJob, status: "Completed" | "Failed", endedAt: string) => ({
  shardId: job.shardId,
  kind: job.kind,
  jobArn: job.jobArn,
  modelId: job.modelId,
  profile: job.profile,
  status,
  outputUri: job.outputUri,
  recordMapUri: job.recordMapUri,
  records: job.records,
  endedAt,
});

describe("tracked jobs", () => {
  test("a redelivered job.submitted tracks the job once, and it is open until announced", async () => {
    const job = submitted();
    await trackJob(local.db, local.table, job);
    await recordProgress(local.db, local.table, await tracked(job.jobArn), {
      status: "InProgress",
      statusSince: "2026-12-01T01:00:00.000Z",
    });
    await trackJob(local.db, local.table, job);
    expect((await trackedJob(local.db, local.table, job.jobArn))?.status).toBe("InProgress");
    // The open index shows a new job once its lag has passed, as on AWS.
    await sleep(DEFAULT_INDEX_LAG_MS + 300);
    expect((await openJobs(local.db, local.table)).map((j) => j.jobArn)).toContain(job.jobArn);
    await markAnnounced(local.db, local.table, job.jobArn);
    expect((await openJobs(local.db, local.table)).map((j) => j.jobArn)).not.toContain(job.jobArn);
  });

  test("while the open index lags, an announced job is not open and a listed job is read as the table holds it", async () => {
    const [announced, progressed] = [submitted(), submitted()];
    for (const job of [announced, progressed]) await trackJob(local.db, local.table, job);
    await sleep(DEFAULT_INDEX_LAG_MS + 300);
    await recordFinished(
      local.db,
      local.table,
      announced.jobArn,
      finishedOf(announced, "Completed", "2026-12-01T02:00:00.000Z"),
    );
    await markAnnounced(local.db, local.table, announced.jobArn);
    await recordProgress(local.db, local.table, await tracked(progressed.jobArn), {
      status: "InProgress",
      statusSince: "2026-12-01T01:30:00.000Z",
    });
    // Within the lag the index still lists the announced job, unfinished, and the other as Submitted: a tick
    // that followed those would publish job.finished a second time and lose every progress write.
    const open = await openJobs(local.db, local.table);
    expect(open.map((j) => j.jobArn)).not.toContain(announced.jobArn);
    expect(open.find((j) => j.jobArn === progressed.jobArn)?.status).toBe("InProgress");
  });

  test("progress computed from an older read loses to a newer one", async () => {
    const job = submitted();
    await trackJob(local.db, local.table, job);
    const read = await tracked(job.jobArn);
    expect(
      await recordProgress(local.db, local.table, read, {
        status: "InProgress",
        statusSince: "2026-12-01T01:00:00.000Z",
      }),
    ).toBe(true);
    // A slower observer that read the same Submitted state tries to write Validating: refused.
    expect(
      await recordProgress(local.db, local.table, read, {
        status: "Validating",
        statusSince: "2026-12-01T00:59:00.000Z",
      }),
    ).toBe(false);
    expect((await trackedJob(local.db, local.table, job.jobArn))?.status).toBe("InProgress");
  });

  test("the first terminal outcome stored is the one every racer publishes, and progress stops", async () => {
    const job = submitted();
    await trackJob(local.db, local.table, job);
    const read = await tracked(job.jobArn);
    const outcomes = await Promise.all([
      recordFinished(
        local.db,
        local.table,
        job.jobArn,
        finishedOf(job, "Completed", "2026-12-01T02:00:00.000Z"),
      ),
      recordFinished(
        local.db,
        local.table,
        job.jobArn,
        finishedOf(job, "Completed", "2026-12-01T02:00:00.000Z"),
      ),
      recordFinished(
        local.db,
        local.table,
        job.jobArn,
        finishedOf(job, "Failed", "2026-12-01T02:00:01.000Z"),
      ),
    ]);
    expect(new Set(outcomes.map((o) => JSON.stringify(o))).size).toBe(1);
    expect(
      await recordProgress(local.db, local.table, read, { status: "InProgress", statusSince: "x" }),
    ).toBe(false);
  });

  test("job.stuck is claimed once per status", async () => {
    const job = submitted();
    await trackJob(local.db, local.table, job);
    const claims = await Promise.all(
      [1, 2, 3].map(() => claimStuck(local.db, local.table, job.jobArn, "Submitted")),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimStuck(local.db, local.table, job.jobArn, "InProgress")).toBe(false);
  });
});
