/** The header: every parameter the numbers depend on, so a pasted table can be reproduced. */
import { shardCaps } from "../src/pack-shards.ts";
import { JOB, ON_DEMAND } from "./distributions.ts";
import { count, duration } from "./format.ts";
import {
  BUILDER_TICK_MS,
  EXPORT_LAG,
  QUOTAS,
  RECAP_EVENT_LATENCY_MS,
  REFERENCE_POLL_MS,
  REFERENCE_POLL_PHASES,
  RULES,
} from "./scenario.ts";
import { callsPerHour, type Transcript } from "./workload.ts";

const mib = (bytes: number) => `${count(bytes / 1024 / 1024)} MiB`;

export function setupText(day: readonly Transcript[]): string {
  const caps = shardCaps(QUOTAS);
  const perHour = callsPerHour(day);
  const meanBytes = day.reduce((sum, t) => sum + t.bytes, 0) / day.length;
  const quiet = perHour.filter((n) => n < QUOTAS.minRecordsPerJob).length;
  return [
    "Recap vs the reference pipeline: packing and job slots, simulated (issue #7)",
    `quotas: minRecordsPerJob ${count(QUOTAS.minRecordsPerJob)}, maxRecordsPerJob ${count(QUOTAS.maxRecordsPerJob)},` +
      ` maxRecordsPerFile ${count(QUOTAS.maxRecordsPerFile)}, maxInputFileBytes ${mib(QUOTAS.maxInputFileBytes)},` +
      ` maxJobInputBytes ${mib(QUOTAS.maxJobInputBytes)}, maxActiveJobs ${QUOTAS.maxActiveJobs}` +
      ` → shard caps ${count(caps.records)} records / ${mib(caps.bytes)}`,
    `workload: ${count(day.length)} transcripts, mean ${(meanBytes / 1000).toFixed(2)} KB (lognormal, median 5 KB);` +
      ` daytime curve over 24 h, ${count(Math.min(...perHour))}–${count(Math.max(...perHour))} calls per hour,` +
      ` ${quiet} hours below the job minimum (an after-hours line)`,
    `job duration: queue lognormal median ${duration(JOB.queue.medianMs)} (σ ${JOB.queue.sigma}) + run lognormal` +
      ` median ${duration(JOB.run.medianMsAt10k)} × (records / 10,000)^${JOB.run.growth} (σ ${JOB.run.sigma});` +
      ` below the minimum: fails validation after ~${duration(JOB.validationFailure.medianMs)};` +
      ` the k-th job of each design gets the k-th draw`,
    `Recap: maxWaitSeconds ${count(RULES.maxWaitSeconds)}, deadlineLeadSeconds ${count(RULES.deadlineLeadSeconds)}` +
      ` (no transcript has a deadline), tailPolicy ${RULES.tailPolicy}, builder tick ${duration(BUILDER_TICK_MS)},` +
      ` submitter reacts ${duration(RECAP_EVENT_LATENCY_MS.min)}–${duration(RECAP_EVENT_LATENCY_MS.max)}` +
      ` after shard.sealed / a job's end; on-demand ${ON_DEMAND.concurrency} calls at a time,` +
      ` ~${duration(ON_DEMAND.medianCallMs)} each, outside the slots`,
    `reference: one job per file (hourly export, split at both caps, landing ~${duration(EXPORT_LAG.medianMs)}` +
      ` after its hour), poll every ${duration(REFERENCE_POLL_MS)}, no minimum check;` +
      ` reported as the mean of ${REFERENCE_POLL_PHASES} evenly spaced poll phases`,
  ].join("\n");
}
