import { decodeEvent, type RecapEvent } from "@recap/shared";
import { createSqsHandler, type PoisonPolicy } from "@recap/shared/runtime";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { finishHarvest } from "./finish-harvest.ts";
import { type HarvestDeps, harvestOneChunk } from "./harvest-chunk.ts";
import { type HarvestPlan, markDispatched, planOf } from "./harvest-plan.ts";
import { type HarvestJob, planHarvest } from "./plan-harvest.ts";
import { underStepLease } from "./step-lease.ts";

/**
 * One invocation (batch size 1: a chunk can take minutes). job.finished plans the harvest and sends out its
 * chunks; each harvest.chunk is harvested by whichever instance takes it; the one that finds every chunk done
 * settles the records no output mentions and reports the job. shard.refused has no output: all its records
 * are settled as refused at once. Each chunk, and the finish, runs under its own lease, so that copies of
 * one step (a job announced twice sends its chunks twice) never run at the same time.
 */
export function createBatchHandler(deps: () => HarvestDeps, onPoison: PoisonPolicy) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = deps();
    const take = createSqsHandler({
      logger: d.logger,
      decode: (record) => decodeEvent(record, ["job.finished", "shard.refused", "harvest.chunk"]),
      handle: async (input) => {
        if (input.type === "harvest.chunk") {
          const { shardId, chunk } = input.data;
          const plan = await underStepLease(d.db, d.table, `${shardId}#${chunk}`, () =>
            harvestOneChunk(d, input.data),
          );
          if (complete(plan)) await finishOnce(d, input.data);
          return;
        }
        const { job, outputUri, refusal } = jobOf(input);
        const { plan, chunks } = await planHarvest(d, job, outputUri);
        if (!plan.dispatched) {
          await d.publish(...chunks);
          await markDispatched(d.db, d.table, job.shardId);
        }
        if (complete(plan)) await finishOnce(d, { ...job, ...(refusal ? { refusal } : {}) });
      },
      onPoison,
    });
    return take(event, context);
  };
}

/** The finish runs once per job: under its lease, on the plan as it stands then. */
function finishOnce(d: HarvestDeps, job: Parameters<typeof finishHarvest>[1]): Promise<void> {
  return underStepLease(d.db, d.table, `${job.shardId}#finish`, async () => {
    const plan = await planOf(d.db, d.table, job.shardId);
    if (plan) await finishHarvest(d, job, plan);
  });
}

function complete(plan: HarvestPlan): boolean {
  return Object.keys(plan.totals).length >= plan.chunks.length;
}

function jobOf(event: RecapEvent<"job.finished" | "shard.refused">) {
  if (event.type === "job.finished") {
    const { shardId, jobArn, kind, modelId, profile, status, recordMapUri, endedAt, outputUri } = event.data;
    const job: HarvestJob = { shardId, jobArn, kind, modelId, profile, status, recordMapUri, endedAt };
    return { job, outputUri, refusal: undefined };
  }
  const { shardId, modelId, profile, recordMapUri, reason } = event.data;
  const job: HarvestJob = {
    shardId,
    jobArn: `recap:refused:${shardId}`,
    kind: "batch",
    modelId,
    profile,
    status: "Failed",
    recordMapUri,
    endedAt: event.time,
  };
  return {
    job,
    outputUri: undefined,
    refusal: {
      code: "job-refused" as const,
      message: `Bedrock refused the job: ${reason.code}: ${reason.message}`.slice(0, 1024),
    },
  };
}
