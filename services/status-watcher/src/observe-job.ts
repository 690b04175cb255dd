import {
  type JobRecordCounts,
  type RecapEvent,
  terminalJobStatusSchema,
  type WaitingJobStatus,
  waitingJobStatusSchema,
} from "@recap/shared";
import type { JobObservation } from "./read-job.ts";
import type { FinishedJob, TrackedJob } from "./tracked-jobs.ts";

export type ProgressedJob = RecapEvent<"job.progressed">["data"];
export type StuckJob = RecapEvent<"job.stuck">["data"];

/** What one fresh read of a job means, given what was known before it. */
export interface JobStep {
  /** Set when the job is terminal: the job.finished to publish (once). */
  finished?: FinishedJob;
  /** Set when the status or the counts moved. */
  progressed?: ProgressedJob & { statusSince: string };
  /** Set when the job has waited in its status past the threshold, and no job.stuck went out for it yet. */
  stuck?: StuckJob;
}

export interface WatchPolicy {
  stuckAfterSeconds: Partial<Record<WaitingJobStatus, number>>;
  stopStuckJobs: boolean;
}

/**
 * Pure: the step a read implies. Statuses are trusted only from a read (never from an event), the end time is
 * Bedrock's own, so every read of a terminal job yields the same job.finished, and a job counts as stuck from
 * when this stage first saw it in its status.
 */
export function observeJob(job: TrackedJob, seen: JobObservation, now: Date, policy: WatchPolicy): JobStep {
  const terminal = terminalJobStatusSchema.safeParse(seen.status);
  if (terminal.success) {
    return {
      finished: {
        shardId: job.shardId,
        kind: job.kind,
        jobArn: job.jobArn,
        modelId: job.modelId,
        profile: job.profile,
        status: terminal.data,
        ...(seen.message ? { message: seen.message.slice(0, 2048) } : {}),
        outputUri: job.outputUri,
        recordMapUri: job.recordMapUri,
        records: job.records,
        ...(seen.counts ? { counts: seen.counts } : {}),
        endedAt: seen.endTime ?? seen.lastModifiedTime ?? now.toISOString(),
      },
    };
  }
  const moved = seen.status !== job.status;
  const statusSince = moved ? now.toISOString() : job.statusSince;
  const step: JobStep = {};
  if (moved || countsChanged(job.counts, seen.counts)) {
    step.progressed = {
      shardId: job.shardId,
      jobArn: job.jobArn,
      modelId: job.modelId,
      profile: job.profile,
      status: seen.status,
      ...(moved ? { previousStatus: job.status } : {}),
      ...(seen.counts ? { counts: seen.counts } : {}),
      observedAt: seen.lastModifiedTime ?? now.toISOString(),
      statusSince,
    };
  }
  const waiting = waitingJobStatusSchema.safeParse(seen.status);
  const threshold = waiting.success ? policy.stuckAfterSeconds[waiting.data] : undefined;
  const waitedSeconds = (now.getTime() - Date.parse(statusSince)) / 1000;
  if (threshold !== undefined && waitedSeconds > threshold && job.stuckIn !== seen.status) {
    step.stuck = {
      shardId: job.shardId,
      jobArn: job.jobArn,
      modelId: job.modelId,
      profile: job.profile,
      status: seen.status,
      since: statusSince,
      thresholdSeconds: threshold,
      // A job already Stopping is on its way out; stopping it again would only be refused.
      stopRequested: policy.stopStuckJobs && seen.status !== "Stopping",
    };
  }
  return step;
}

function countsChanged(before: JobRecordCounts | undefined, after: JobRecordCounts | undefined): boolean {
  if (!after) return false;
  return (
    !before ||
    before.total !== after.total ||
    before.processed !== after.processed ||
    before.succeeded !== after.succeeded ||
    before.failed !== after.failed
  );
}
