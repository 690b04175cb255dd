import type { Envelope } from "@recap/shared";

interface JobRow {
  shardId: string;
  modelId: string;
  kind: string;
  records: number;
  status: string;
}

interface CostTotals {
  actual: number;
  onDemand: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * What the demo knows of its calls, folded from the events a user's own subscription hears (the Pipeline
 * and Summaries topics). Pure: the same events in any order and with any copies give the same tally, since
 * every count is over distinct ids.
 */
export class DemoTally {
  readonly #normalized = new Set<string>();
  readonly #shardRecords = new Map<string, number>();
  readonly #submitted = new Set<string>();
  readonly #jobs = new Map<string, JobRow>();
  readonly #ready = new Map<string, Envelope>();
  readonly #failed = new Map<string, string>();
  readonly #rejected = new Map<string, string>();
  readonly #reports = new Map<string, { cost: CostTotals }>();

  add(event: Envelope): void {
    const data = event.data as Record<string, unknown>;
    const shardId = String(data.shardId ?? "");
    switch (event.type) {
      case "transcript.normalized":
        this.#normalized.add(String(data.transcriptId));
        break;
      case "shard.sealed":
        this.#shardRecords.set(shardId, Number(data.records));
        break;
      case "job.submitted": {
        this.#submitted.add(shardId);
        const job = this.#job(shardId, data);
        if (!job.status) job.status = "Submitted";
        break;
      }
      case "job.progressed": {
        // Progress can arrive after the end: a finished job keeps its terminal status.
        const job = this.#job(shardId, data);
        if (!TERMINAL.has(job.status)) job.status = String(data.status);
        break;
      }
      case "job.finished":
        this.#job(shardId, data).status = String(data.status);
        break;
      case "job.reported": {
        const report = data as unknown as {
          records: { total: number };
          tokens: { records: { input: number; output: number } };
          cost: { actual: number; onDemand: number };
        };
        this.#job(shardId, data).records = report.records.total;
        this.#reports.set(shardId, {
          cost: {
            actual: report.cost.actual,
            onDemand: report.cost.onDemand,
            inputTokens: report.tokens.records.input,
            outputTokens: report.tokens.records.output,
          },
        });
        break;
      }
      case "summary.ready":
        this.#ready.set(String(data.transcriptId), event);
        break;
      case "summary.failed":
        this.#failed.set(String(data.transcriptId), (data.error as { code: string }).code);
        break;
      case "transcript.rejected":
        // An event that could not be read has no transcript id: its own id tells copies apart.
        this.#rejected.set(String(data.transcriptId ?? event.id), (data.reason as { code: string }).code);
        break;
    }
  }

  /** Calls at each stage or past it, for the progress bars. */
  stages() {
    const sum = (ids: Iterable<string>) =>
      [...ids].reduce((n, id) => n + (this.#shardRecords.get(id) ?? 0), 0);
    return {
      normalized: this.#normalized.size + this.#rejected.size,
      sharded: sum(this.#shardRecords.keys()),
      inJobs: sum(this.#submitted),
      ended: this.ended(),
    };
  }

  /** Calls that ended: a summary, an explained failure, or a rejection. */
  ended(): number {
    return this.#ready.size + this.#failed.size + this.#rejected.size;
  }

  /** Finished jobs whose report has not arrived yet (it follows the job's last summaries). */
  unreported(): number {
    return [...this.#jobs.values()].filter((j) => TERMINAL.has(j.status) && !this.#reports.has(j.shardId))
      .length;
  }

  /** Jobs not yet finished, per model: the slots in use. */
  activeJobs(): Map<string, number> {
    const active = new Map<string, number>();
    for (const job of this.#jobs.values())
      if (job.kind === "batch" && this.#submitted.has(job.shardId) && !TERMINAL.has(job.status))
        active.set(job.modelId, (active.get(job.modelId) ?? 0) + 1);
    return active;
  }

  summary() {
    const reports = [...this.#reports.values()].map((r) => r.cost);
    const total = (key: keyof CostTotals) => reports.reduce((n, r) => n + r[key], 0);
    const jobs = [...this.#jobs.values()].filter(
      (j) => this.#submitted.has(j.shardId) || TERMINAL.has(j.status),
    );
    const records = jobs.reduce((n, j) => n + j.records, 0);
    const onDemand = jobs.filter((j) => j.kind === "on-demand").reduce((n, j) => n + j.records, 0);
    return {
      summarized: this.#ready.size,
      failed: countBy(this.#failed.values()),
      rejected: countBy(this.#rejected.values()),
      jobs: jobs.sort((a, b) => a.kind.localeCompare(b.kind) || a.shardId.localeCompare(b.shardId)),
      onDemandShare: records === 0 ? 0 : onDemand / records,
      inputTokens: total("inputTokens"),
      outputTokens: total("outputTokens"),
      cost: total("actual"),
      onDemandCost: total("onDemand"),
    };
  }

  /** A summary.ready, for the example the demo prints: the first whose transcript `prefer` accepts, if any. */
  someSummary(prefer: (transcriptId: string) => boolean = () => true): Envelope | undefined {
    const ready = [...this.#ready.values()];
    return ready.find((e) => prefer(String((e.data as { transcriptId: string }).transcriptId))) ?? ready[0];
  }

  #job(shardId: string, data: Record<string, unknown>): JobRow {
    let job = this.#jobs.get(shardId);
    if (!job) {
      job = {
        shardId,
        modelId: String(data.modelId ?? ""),
        kind: String(data.kind ?? "batch"),
        records: this.#shardRecords.get(shardId) ?? 0,
        status: "",
      };
      this.#jobs.set(shardId, job);
    }
    if (job.records === 0) job.records = this.#shardRecords.get(shardId) ?? 0;
    return job;
  }
}

const TERMINAL = new Set(["Completed", "PartiallyCompleted", "Failed", "Stopped", "Expired"]);

function countBy(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
