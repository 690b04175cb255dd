import { decodeEventOrTick, type RecapEvent } from "@recap/shared";
import { createSqsHandler, type PoisonPolicy } from "@recap/shared/runtime";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { type FillDeps, fillSlots } from "./fill-slots.ts";
import { type OnDemandDeps, runOnDemand } from "./on-demand-run.ts";
import { claimOnDemandRun, enqueueShard, finishOnDemandRun } from "./waiting-shards.ts";

export type SubmitterDeps = FillDeps & Omit<OnDemandDeps, "logger" | "publish" | "config" | "outputUriOf">;

/**
 * One invocation: sealed batch shards start waiting durably in the table (never by failing their message),
 * on-demand tails run at once, job.finished and ticks only wake the filler. Then every model the batch
 * touched (every configured model, on a tick; none on a repeated tick) has its slots filled; a failed fill
 * fails no message.
 */
export function createBatchHandler(deps: () => SubmitterDeps, onPoison: PoisonPolicy) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = deps();
    // Each model the batch touched, with the shards it enqueued for it (the lagging index may not list them yet).
    const models = new Map<string, string[]>();
    const take = createSqsHandler({
      logger: d.logger,
      decode: (record) => decodeEventOrTick(record, ["shard.sealed", "job.finished"]),
      handle: async (input) => {
        if (input.kind === "tick") {
          if (input.repeat) return;
          for (const profile of Object.values(d.config.profiles))
            models.set(profile.modelId, models.get(profile.modelId) ?? []);
          return;
        }
        const { modelId } = input.event.data;
        const sealedNow = models.get(modelId) ?? [];
        models.set(modelId, sealedNow);
        if (input.event.type === "shard.sealed" && (await takeShard(d, input.event)))
          sealedNow.push(input.event.data.shardId);
      },
      onPoison,
    });
    const response = await take(event, context);
    for (const [modelId, sealedNow] of models) {
      try {
        await fillSlots(d, modelId, sealedNow);
      } catch (error) {
        d.logger.warn("filling slots deferred to the next event or tick", {
          modelId,
          error: { name: (error as Error).name, message: (error as Error).message },
        });
      }
    }
    return response;
  };
}

/** True when a batch shard was enqueued (now or by an earlier delivery): the fill should look for it. */
async function takeShard(d: SubmitterDeps, event: RecapEvent<"shard.sealed">): Promise<boolean> {
  const shard = event.data;
  if (shard.kind === "batch") {
    await enqueueShard(d.db, d.table, shard);
    return true;
  }
  const run = await claimOnDemandRun(d.db, d.table, shard, new Date().toISOString());
  await runOnDemand(d, shard, run, (finished) => finishOnDemandRun(d.db, d.table, shard.shardId, finished));
  return false;
}
