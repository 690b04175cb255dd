/**
 * A lower bound on the makespan that holds for any design under the same quota (durations at their medians),
 * so a ratio near 1 means "nothing left to win", not "as good as the reference".
 *  - Arrivals: the last transcript cannot be done before it arrives, plus one on-demand call.
 *  - Slots: some slot must carry at least N / quota records. A job's duration grows sublinearly and every job
 *    pays the queue, so splitting a slot's records into more jobs never makes it faster: its best is its
 *    records in as few jobs as the records cap allows.
 */
import { shardCaps } from "../src/pack-shards.ts";
import { medianBatchJobMs, ON_DEMAND } from "./distributions.ts";
import { QUOTAS } from "./scenario.ts";
import type { Transcript } from "./workload.ts";

export interface LowerBound {
  ms: number;
  arrivalsMs: number;
  slotsMs: number;
}

/** The fastest one slot can carry `records`: full jobs at the records cap, then one for the rest. */
function slotTimeMs(records: number): number {
  const cap = shardCaps(QUOTAS).records;
  return Math.floor(records / cap) * medianBatchJobMs(cap) + medianBatchJobMs(records % cap);
}

export function lowerBound(transcripts: readonly Transcript[]): LowerBound {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const { arrivalMs } of transcripts) {
    first = Math.min(first, arrivalMs);
    last = Math.max(last, arrivalMs);
  }
  const arrivalsMs = last - first + ON_DEMAND.medianCallMs;
  const slotsMs = slotTimeMs(Math.ceil(transcripts.length / QUOTAS.maxActiveJobs));
  return { ms: Math.max(arrivalsMs, slotsMs), arrivalsMs, slotsMs };
}
