import type { Logger } from "@aws-lambda-powertools/logger";
import { type BedrockClient, StopModelInvocationJobCommand } from "@aws-sdk/client-bedrock";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type BackoffPolicy,
  createEvent,
  jobFinished,
  jobProgressed,
  jobStuck,
  withBackoff,
} from "@recap/shared";
import type { Publish } from "@recap/shared/runtime";
import { observeJob, type WatchPolicy } from "./observe-job.ts";
import { readJob } from "./read-job.ts";
import {
  claimStuck,
  markAnnounced,
  recordFinished,
  recordProgress,
  type TrackedJob,
} from "./tracked-jobs.ts";

export const PRODUCER = "status-watcher";

export interface FollowDeps {
  db: DynamoDBDocumentClient;
  table: string;
  bedrock: BedrockClient;
  publish: Publish;
  logger: Logger;
  backoff: BackoffPolicy;
  policy: WatchPolicy;
  now?: () => Date;
}

/**
 * Re-reads one tracked job and acts on what Bedrock says. Safe to run any number of times, from any event, in
 * any order: a finished job publishes the one job.finished it stored, progress is written only over the state
 * it was computed from, and each status gets at most one job.stuck.
 */
export async function followJob(deps: FollowDeps, job: TrackedJob): Promise<void> {
  if (job.announced) return;
  if (job.finished) {
    await announceFinished(deps, job.finished);
    return;
  }
  const now = deps.now?.() ?? new Date();
  const step = observeJob(job, await readJob(deps.bedrock, job.jobArn, deps.backoff), now, deps.policy);
  if (step.finished) {
    await announceFinished(deps, await recordFinished(deps.db, deps.table, job.jobArn, step.finished));
    return;
  }
  let current = job;
  if (step.progressed) {
    const { statusSince, ...progressed } = step.progressed;
    const next = {
      status: progressed.status,
      statusSince,
      ...(progressed.counts ? { counts: progressed.counts } : {}),
    };
    if (!(await recordProgress(deps.db, deps.table, job, next))) return;
    current = { ...job, ...next };
    await deps.publish(
      createEvent(jobProgressed, { producer: PRODUCER, correlationId: job.shardId, data: progressed }),
    );
  }
  if (step.stuck && (await claimStuck(deps.db, deps.table, current.jobArn, step.stuck.status))) {
    deps.logger.warn("job stuck", { jobArn: job.jobArn, status: step.stuck.status, since: step.stuck.since });
    await deps.publish(
      createEvent(jobStuck, { producer: PRODUCER, correlationId: job.shardId, data: step.stuck }),
    );
    if (step.stuck.stopRequested) await stopJob(deps, job.jobArn);
  }
}

async function announceFinished(deps: FollowDeps, finished: TrackedJob["finished"] & object): Promise<void> {
  await deps.publish(
    createEvent(jobFinished, { producer: PRODUCER, correlationId: finished.shardId, data: finished }),
  );
  await markAnnounced(deps.db, deps.table, finished.jobArn);
  deps.logger.info("job finished", {
    jobArn: finished.jobArn,
    status: finished.status,
    shardId: finished.shardId,
  });
}

/** Stopping keeps what the job already produced: it ends Stopped, and its output is harvested like any other. */
async function stopJob(deps: FollowDeps, jobArn: string): Promise<void> {
  try {
    await withBackoff(
      () => deps.bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn })),
      deps.backoff,
    );
  } catch (error) {
    // The job may have ended, or begun stopping, since it was read: the next read shows which.
    const name = (error as Error).name;
    if (
      name !== "ValidationException" &&
      name !== "ConflictException" &&
      name !== "ResourceNotFoundException"
    )
      throw error;
    deps.logger.info("stop not needed", { jobArn, reason: name });
  }
}
