/**
 * Everything both designs share: the quotas, Recap's sealing rules, and the timings of the pipeline around
 * the two pure functions. The quota values are recap.config.ts's Bedrock defaults, spelled out here so that
 * an edit to the config does not silently change the benchmark's numbers.
 */
import type { BatchQuotas } from "@recap/shared";
import type { SealingRules } from "../src/pack-shards.ts";

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
const MiB = 1024 * 1024;

export const TRANSCRIPTS = 200_000;

/** A Monday, 00:00 UTC: virtual time zero. Only its ISO form matters (nextShard reads arrival keys). */
export const EPOCH_MS = Date.UTC(2025, 0, 6);

export const QUOTAS: BatchQuotas = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxInputFileBytes: 200 * MiB,
  maxJobInputBytes: 1024 * MiB,
  maxActiveJobs: 10,
};

export const RULES: SealingRules = {
  quotas: QUOTAS,
  maxWaitSeconds: 3_600,
  deadlineLeadSeconds: 86_400,
  tailPolicy: "on-demand",
  lane: "first",
};

/** Recap's builder re-checks time-based sealing on this tick even when nothing arrives. */
export const BUILDER_TICK_MS = MINUTE;

/** Recap reacts to events (shard.sealed, Bedrock's state change → job.finished) within a few seconds. */
export const RECAP_EVENT_LATENCY_MS = { min: 2 * SECOND, max: 8 * SECOND };

/** The reference pipeline looks for free slots on a schedule. */
export const REFERENCE_POLL_MS = 15 * MINUTE;

/**
 * Where that schedule falls against the data is arbitrary, and one phase would decide every file's wait
 * (exports land at a fixed time after each hour). So the reference runs at this many evenly spaced phases
 * and is reported as their mean: its expected behaviour, not one lucky or unlucky schedule.
 */
export const REFERENCE_POLL_PHASES = 8;

/** The reference's hourly export lands a few minutes after the hour it holds (lognormal). */
export const EXPORT_LAG = { medianMs: 5 * MINUTE, sigma: 0.5 };
