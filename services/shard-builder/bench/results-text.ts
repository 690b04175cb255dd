/** The words around the table: one detail line per design, and the legend that defines every column. */
import { count, duration, percent } from "./format.ts";
import type { JobRun } from "./job-run.ts";
import type { LowerBound } from "./lower-bound.ts";
import type { DesignMetrics } from "./metrics.ts";

export function boundLine(pattern: string, bound: LowerBound): string {
  return `${pattern}: bound ${duration(bound.ms)} = max(arrivals ${duration(bound.arrivalsMs)}, slots ${duration(bound.slotsMs)})`;
}

/** What the table's cells hide: the strict idle samples, the literal utilization, why Recap sealed. */
export function detailLine(
  design: string,
  runs: readonly (readonly JobRun[])[],
  metrics: DesignMetrics,
): string {
  const reasons = new Map<string, number>();
  for (const run of runs.flat()) {
    if (run.sealReason) reasons.set(run.sealReason, (reasons.get(run.sealReason) ?? 0) + 1);
  }
  const strict = metrics.idleAfterJobEnd;
  const parts = [
    `idle after a job's end while work waited: ${count(strict.count)} samples` +
      (strict.count > 0 ? `, p50 ${duration(strict.p50)}, p95 ${duration(strict.p95)}` : ""),
    `literal utilization ${percent(metrics.utilizationLiteral)}`,
  ];
  if (reasons.size > 0)
    parts.push(`seals: ${[...reasons].map(([reason, n]) => `${reason} ${n}`).join(", ")}`);
  return `  ${design.padEnd(9)} ${parts.join("; ")}`;
}

/** `fewest` is ⌈N / records cap⌉ (the table's yardstick) and the byte cap's own ⌈total bytes / 200 MiB⌉. */
export function legend(fewest: { byRecords: number; byBytes: number }): string {
  return [
    "Legend",
    "- makespan: first arrival to the last record settled (summary done, or its job failed validation).",
    "- ÷ bound: makespan over a lower bound no design can beat under the same quota (durations at their medians):",
    "  max(last arrival − first arrival + one on-demand call, the fastest one slot can carry ⌈N / maxActiveJobs⌉",
    "  records — in as few jobs as the records cap allows, since a job's duration grows sublinearly and every job",
    "  pays the queue, so splitting never helps one slot).",
    "- slot util.: busy slot-time ÷ slot-time that work could have used, ∫busy ÷ ∫min(quota, busy + ready), where",
    "  ready = sealed shards (Recap) or landed files (reference) not yet started. Whenever ready work outnumbers",
    "  free slots it is busy ÷ (quota × time); the literal form over all times with ready work is in the detail lines.",
    "- idle p50 / p95: for every job start, start − max(work ready, its slot freed): how long a free slot and ready",
    "  work sat together. If the work was already waiting, that is the time from a job's end until its slot is reused.",
    `- jobs: batch jobs submitted, invalid ones included; ÷ ⌈N/cap⌉: over ⌈N / records cap⌉ = ${fewest.byRecords}. The 200 MiB`,
    `  file cap makes the true fewest ⌈total bytes / 200 MiB⌉ = ${fewest.byBytes}. records/job: over those jobs.`,
    "- on-demand: share of records Recap sent on-demand (tails below the minimum); the reference has no such path.",
    "- in invalid jobs: records in jobs below the minimum: the job fails validation and its records get no summary",
    "  (lost, or manual rework). Recap never submits one; the reference does not check.",
  ].join("\n");
}
