/** The table's numbers, computed from a design's job runs alone (no design-specific counters). */
import { shardCaps } from "../src/pack-shards.ts";
import { holdsSlot, type JobRun, type SlotIdle } from "./job-run.ts";
import type { LowerBound } from "./lower-bound.ts";
import { percentile } from "./percentile.ts";
import { QUOTAS } from "./scenario.ts";
import type { Transcript } from "./workload.ts";

export interface DesignMetrics {
  /** First arrival to the last record settled: summarized, or its job failed validation. */
  makespanMs: number;
  boundRatio: number;
  /** Busy slot-time ÷ slot-time that work could have used: ∫ busy ÷ ∫ min(quota, busy + ready). */
  utilization: number;
  /** The brief's literal form: ∫ busy ÷ (quota × time with ready work), over the times with ready work. */
  utilizationLiteral: number;
  idle: { p50?: number; p95?: number; count: number };
  /** Only the idles where a job's end freed the slot while work was already waiting. */
  idleAfterJobEnd: { p50?: number; p95?: number; count: number };
  jobs: number;
  jobsPerMinimum: number;
  recordsPerJob: { mean: number; min: number };
  onDemandShare: number;
  invalidRecords: number;
}

/**
 * One design's numbers. `runs` holds one simulation, or several that differ only in the reference's poll
 * phase: then every number is their mean, and the idle percentiles are taken over all their samples.
 */
export function measure(
  transcripts: readonly Transcript[],
  runs: readonly (readonly JobRun[])[],
  bound: LowerBound,
): DesignMetrics {
  const each = runs.map((run) => measureOne(transcripts, run));
  const mean = (of: (m: OneRun) => number) => each.reduce((sum, m) => sum + of(m), 0) / each.length;
  const all = each.flatMap((m) => m.idles.map((idle) => idle.ms));
  const strict = each.flatMap((m) => m.idles.filter((idle) => idle.afterJobEnd).map((idle) => idle.ms));
  return {
    makespanMs: mean((m) => m.makespanMs),
    boundRatio: mean((m) => m.makespanMs) / bound.ms,
    utilization: mean((m) => m.utilization),
    utilizationLiteral: mean((m) => m.utilizationLiteral),
    idle: { p50: percentile(all, 50), p95: percentile(all, 95), count: all.length },
    idleAfterJobEnd: { p50: percentile(strict, 50), p95: percentile(strict, 95), count: strict.length },
    jobs: mean((m) => m.jobs),
    jobsPerMinimum: mean((m) => m.jobs) / Math.ceil(transcripts.length / shardCaps(QUOTAS).records),
    recordsPerJob: {
      mean: mean((m) => m.recordsPerJobMean),
      min: Math.min(...each.map((m) => m.recordsPerJobMin)),
    },
    onDemandShare: mean((m) => m.onDemandRecords) / transcripts.length,
    invalidRecords: mean((m) => m.invalidRecords),
  };
}

interface OneRun {
  makespanMs: number;
  utilization: number;
  utilizationLiteral: number;
  idles: SlotIdle[];
  jobs: number;
  recordsPerJobMean: number;
  recordsPerJobMin: number;
  onDemandRecords: number;
  invalidRecords: number;
}

function measureOne(transcripts: readonly Transcript[], runs: readonly JobRun[]): OneRun {
  const settled = runs.reduce((sum, run) => sum + run.records, 0);
  if (settled !== transcripts.length) throw new Error(`${settled} records settled of ${transcripts.length}`);
  const firstArrival = transcripts[0]?.arrivalMs ?? 0; // transcripts come in arrival order
  const makespanMs = Math.max(...runs.map((run) => run.endMs)) - firstArrival;
  if (runs.some((run) => run.startMs < run.readyMs || run.endMs < run.startMs)) {
    throw new Error("a job started before its work was ready, or ended before it started");
  }
  const slotJobs = runs.filter(holdsSlot);
  const sizes = slotJobs.map((job) => job.records);
  return {
    makespanMs,
    ...utilizationOf(slotJobs),
    idles: slotJobs.flatMap((job) => (job.idle ? [job.idle] : [])),
    jobs: slotJobs.length,
    recordsPerJobMean: sizes.reduce((sum, n) => sum + n, 0) / Math.max(1, sizes.length),
    recordsPerJobMin: Math.min(...sizes),
    onDemandRecords: sumRecords(runs, "on-demand"),
    invalidRecords: sumRecords(runs, "invalid"),
  };
}

function sumRecords(runs: readonly JobRun[], kind: JobRun["kind"]): number {
  return runs.filter((run) => run.kind === kind).reduce((sum, run) => sum + run.records, 0);
}

/** A sweep over ready / start / end moments of the slot-holding jobs, integrating the slot counts. */
function utilizationOf(slotJobs: readonly JobRun[]): { utilization: number; utilizationLiteral: number } {
  const changes: { at: number; ready: number; busy: number }[] = [];
  for (const job of slotJobs) {
    changes.push({ at: job.readyMs, ready: 1, busy: 0 });
    changes.push({ at: job.startMs, ready: -1, busy: 1 });
    changes.push({ at: job.endMs, ready: 0, busy: -1 });
  }
  changes.sort((a, b) => a.at - b.at);
  const quota = QUOTAS.maxActiveJobs;
  let ready = 0;
  let busy = 0;
  let busyArea = 0;
  let usableArea = 0;
  let busyWhileReady = 0;
  let quotaWhileReady = 0;
  let previous = changes[0]?.at ?? 0;
  for (const change of changes) {
    const dt = change.at - previous;
    busyArea += busy * dt;
    usableArea += Math.min(quota, busy + ready) * dt;
    if (ready > 0) {
      busyWhileReady += busy * dt;
      quotaWhileReady += quota * dt;
    }
    ready += change.ready;
    busy += change.busy;
    previous = change.at;
  }
  return {
    utilization: usableArea > 0 ? busyArea / usableArea : 1,
    utilizationLiteral: quotaWhileReady > 0 ? busyWhileReady / quotaWhileReady : Number.NaN,
  };
}
