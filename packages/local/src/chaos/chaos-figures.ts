import type { ServiceName } from "@recap/shared";
import type { JobFigures } from "./job-ledger.ts";
import type { LedgerFigures, OutcomeLedger } from "./outcome-ledger.ts";

export interface ChaosFigures {
  calls: number;
  workersPerService: number;
  /** Calls with no outcome while nothing was left to produce one: no job active. Must be 0. */
  lost: number;
  /** Calls with two outcome events of different ids. Must be 0. */
  twoOutcomes: number;
  /** Redelivered copies of one outcome event (same id). */
  sameIdCopies: number;
  /** Shards Bedrock holds more than one job for. Must be 0. */
  jobsCreatedTwice: number;
  /** Calls with no outcome yet while jobs were still active when the run ended. Must be 0. */
  inFlight: number;
  /** Messages in the dead-letter queues at the end. */
  parked: number;
  outcomes: LedgerFigures["byType"];
  jobs: Pick<JobFigures, "total" | "byStatus">;
  kills: Record<ServiceName, number>;
  stackRestart?: { atEnded: number; downSeconds: number };
  wallSeconds: number;
}

export function figuresOf(run: {
  options: { calls: number; workers: number };
  published: readonly string[];
  ledger: OutcomeLedger;
  jobs: JobFigures;
  parked: number;
  kills: ReadonlyMap<ServiceName, number>;
  restart?: { at: number; downSeconds: number } | undefined;
  wallSeconds: number;
}): ChaosFigures {
  const ledger = run.ledger.figures();
  const unended = run.published.filter((id) => !run.ledger.hasEnded(id)).length;
  return {
    calls: run.published.length,
    workersPerService: run.options.workers,
    lost: run.jobs.active === 0 ? unended : 0,
    twoOutcomes: ledger.twoOutcomes,
    sameIdCopies: ledger.sameIdCopies,
    jobsCreatedTwice: run.jobs.createdTwice,
    inFlight: run.jobs.active === 0 ? 0 : unended,
    parked: run.parked,
    outcomes: ledger.byType,
    jobs: { total: run.jobs.total, byStatus: run.jobs.byStatus },
    kills: Object.fromEntries(run.kills) as Record<ServiceName, number>,
    ...(run.restart
      ? { stackRestart: { atEnded: run.restart.at, downSeconds: run.restart.downSeconds } }
      : {}),
    wallSeconds: run.wallSeconds,
  };
}

/** The figures that must be zero, by name: a run with any of them above zero failed. */
export function broken(figures: ChaosFigures): string[] {
  const musts = {
    "transcripts lost": figures.lost,
    "calls with two distinct outcomes": figures.twoOutcomes,
    "Bedrock jobs created twice for one shard": figures.jobsCreatedTwice,
    "calls still in flight at the end": figures.inFlight,
  };
  return Object.entries(musts)
    .filter(([, n]) => n > 0)
    .map(([name]) => name);
}

export function chaosReport(f: ChaosFigures): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const row = (label: string, value: string) => `  ${label.padEnd(46)}${value}`;
  const killed = Object.values(f.kills).reduce((a, b) => a + b, 0);
  const byService = Object.entries(f.kills)
    .map(([service, count]) => `${service} ${count}`)
    .join(", ");
  const statuses = Object.entries(f.jobs.byStatus)
    .map(([status, count]) => `${status} ${count}`)
    .join(", ");
  const minutes = Math.floor(f.wallSeconds / 60);
  return [
    `Recap chaos run: ${n(f.calls)} calls, ${f.workersPerService} workers per service`,
    row("transcripts lost", n(f.lost)),
    row("calls with two distinct outcome events", n(f.twoOutcomes)),
    row("redelivered copies of an outcome (same id)", n(f.sameIdCopies)),
    row("Bedrock jobs created twice for one shard", n(f.jobsCreatedTwice)),
    row("calls still in flight at the end", n(f.inFlight)),
    row("messages parked in dead-letter queues", n(f.parked)),
    row(
      "outcomes",
      `${n(f.outcomes["summary.ready"])} summarized, ${n(f.outcomes["summary.failed"])} failed with a reason, ${n(f.outcomes["transcript.rejected"])} rejected`,
    ),
    row("workers SIGKILLed", `${n(killed)} (${byService})`),
    row(
      "whole stack SIGKILLed and restarted",
      f.stackRestart
        ? `once, at ${n(f.stackRestart.atEnded)} calls ended (down ${f.stackRestart.downSeconds.toFixed(1)} s)`
        : "no",
    ),
    row("Bedrock jobs", `${n(f.jobs.total)} (${statuses})`),
    row("wall time", `${minutes} min ${Math.round(f.wallSeconds - minutes * 60)} s`),
  ].join("\n");
}
