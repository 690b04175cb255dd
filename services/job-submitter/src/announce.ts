import { createEvent, jobSubmitted, shardRefused } from "@recap/shared";
import type { Publish } from "@recap/shared/runtime";
import type { ShardItem } from "./waiting-shards.ts";

export const PRODUCER = "job-submitter";

/** job.submitted for a created job; its fields come from the stored item, so a repeat has the same event id. */
export async function announceSubmitted(
  publish: Publish,
  shard: ShardItem,
  outputUri: string,
): Promise<void> {
  if (!shard.jobArn || !shard.jobName || !shard.submittedAt)
    throw new Error(`shard ${shard.shardId} has no job yet`);
  await publish(
    createEvent(jobSubmitted, {
      producer: PRODUCER,
      correlationId: shard.shardId,
      data: {
        shardId: shard.shardId,
        kind: shard.kind,
        jobArn: shard.jobArn,
        jobName: shard.jobName,
        modelId: shard.modelId,
        profile: shard.profile,
        inputUri: shard.inputUri,
        outputUri,
        recordMapUri: shard.recordMapUri,
        records: shard.records,
        submittedAt: shard.submittedAt,
        ...(shard.earliestDeadline ? { earliestDeadline: shard.earliestDeadline } : {}),
      },
    }),
  );
}

export async function announceRefused(publish: Publish, shard: ShardItem): Promise<void> {
  if (!shard.refusal) throw new Error(`shard ${shard.shardId} was not refused`);
  await publish(
    createEvent(shardRefused, {
      producer: PRODUCER,
      correlationId: shard.shardId,
      data: {
        shardId: shard.shardId,
        modelId: shard.modelId,
        profile: shard.profile,
        recordMapUri: shard.recordMapUri,
        records: shard.records,
        reason: shard.refusal,
      },
    }),
  );
}
