import { describe, expect, test } from "vitest";
import { observeJob, type WatchPolicy } from "./observe-job.ts";
import type { TrackedJob } from "./tracked-jobs.ts";

const job: TrackedJob = {
  shardId: "s1",
  kind: "batch",
  jobArn: "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/abc",
  jobName: "recap-local-s1",
  modelId: "anthropic.claude-3-haiku-20240307-v1:0",
  profile: "default",
  inputUri: "s3://store-bucket/shards/s1/input.jsonl",
  outputUri: "s3://store-bucket/outputs/s1/",
  recordMapUri: "s3://store-bucket/shards/s1/record-map.jsonl",
  records: 120,
  submittedAt: "2026-12-01T10:00:00.000Z",
  status: "Submitted",
  statusSince: "2026-12-01T10:00:00.000Z",
};
const policy: WatchPolicy = { stuckAfterSeconds: { Scheduled: 600, Stopping: 60 }, stopStuckJobs: true };
const at = (iso: string) => new Date(iso);

describe("observeJob", () => {
  test("a terminal read is the job.finished, with Bedrock's end time and counts", () => {
    const counts = { total: 120, processed: 120, succeeded: 110, failed: 10 };
    const step = observeJob(
      job,
      { status: "PartiallyCompleted", endTime: "2026-12-01T11:00:00.000Z", counts },
      at("2026-12-01T11:05:00Z"),
      policy,
    );
    expect(step.finished).toMatchObject({
      status: "PartiallyCompleted",
      endedAt: "2026-12-01T11:00:00.000Z",
      counts,
      records: 120,
    });
    expect(step.progressed).toBeUndefined();
  });

  test("two reads of the same terminal job, at different times, give the same job.finished", () => {
    const seen = { status: "Completed", endTime: "2026-12-01T11:00:00.000Z" };
    expect(observeJob(job, seen, at("2026-12-01T11:01:00Z"), policy).finished).toEqual(
      observeJob({ ...job, status: "InProgress" }, seen, at("2026-12-01T12:00:00Z"), policy).finished,
    );
  });

  test("a new status is progress, starting its clock now", () => {
    const step = observeJob(job, { status: "InProgress" }, at("2026-12-01T10:10:00Z"), policy);
    expect(step.progressed).toMatchObject({
      status: "InProgress",
      previousStatus: "Submitted",
      statusSince: "2026-12-01T10:10:00.000Z",
    });
  });

  test("the same status with new counts is progress; with the same counts it is nothing", () => {
    const counts = { total: 120, processed: 60, succeeded: 60, failed: 0 };
    const running = { ...job, status: "InProgress", counts: { ...counts, processed: 30, succeeded: 30 } };
    expect(
      observeJob(running, { status: "InProgress", counts }, at("2026-12-01T10:20:00Z"), policy).progressed,
    ).toMatchObject({ counts });
    expect(
      observeJob(
        { ...running, counts },
        { status: "InProgress", counts },
        at("2026-12-01T10:20:00Z"),
        policy,
      ),
    ).toEqual({});
  });

  test("a job past its status's threshold is stuck once, and stopped when the policy says so", () => {
    const scheduled = { ...job, status: "Scheduled", statusSince: "2026-12-01T10:00:00.000Z" };
    const seen = { status: "Scheduled" };
    expect(observeJob(scheduled, seen, at("2026-12-01T10:09:00Z"), policy).stuck).toBeUndefined();
    expect(observeJob(scheduled, seen, at("2026-12-01T10:11:00Z"), policy).stuck).toMatchObject({
      status: "Scheduled",
      thresholdSeconds: 600,
      stopRequested: true,
    });
    expect(
      observeJob({ ...scheduled, stuckIn: "Scheduled" }, seen, at("2026-12-01T10:11:00Z"), policy).stuck,
    ).toBeUndefined();
  });

  test("a job stuck in Stopping is reported but not stopped again; a status without threshold is never stuck", () => {
    const stopping = { ...job, status: "Stopping", statusSince: "2026-12-01T10:00:00.000Z" };
    expect(
      observeJob(stopping, { status: "Stopping" }, at("2026-12-01T10:02:00Z"), policy).stuck,
    ).toMatchObject({ stopRequested: false });
    expect(
      observeJob(job, { status: "Submitted" }, at("2026-12-09T10:00:00Z"), policy).stuck,
    ).toBeUndefined();
  });
});
