import type { JobUsage, ModelUsage, Usage } from "./usage-schema.ts";

/** One billing event, as the meter records and replays them. */
export type UsageEvent =
  | ({ kind: "batch-job"; jobArn: string } & JobUsage)
  | { kind: "on-demand"; modelId: string; inputTokens: number; outputTokens: number };

const empty = (): ModelUsage => ({
  batchInputTokens: 0,
  batchOutputTokens: 0,
  batchRecords: 0,
  onDemandInputTokens: 0,
  onDemandOutputTokens: 0,
  onDemandCalls: 0,
});

/**
 * Folds billing events into what Bedrock would bill. A job's event replaces any earlier one for the same job:
 * a job run again after a restart is billed once, for its last run. On-demand calls add up.
 */
export class UsageMeter {
  readonly #jobs = new Map<string, JobUsage>();
  readonly #onDemand = new Map<
    string,
    Pick<ModelUsage, "onDemandInputTokens" | "onDemandOutputTokens" | "onDemandCalls">
  >();

  record(event: UsageEvent): void {
    if (event.kind === "batch-job") {
      const { kind: _kind, jobArn, ...job } = event;
      this.#jobs.set(jobArn, job);
      return;
    }
    const model = this.#onDemand.get(event.modelId) ?? {
      onDemandInputTokens: 0,
      onDemandOutputTokens: 0,
      onDemandCalls: 0,
    };
    model.onDemandInputTokens += event.inputTokens;
    model.onDemandOutputTokens += event.outputTokens;
    model.onDemandCalls += 1;
    this.#onDemand.set(event.modelId, model);
  }

  usage(): Usage {
    const models: Record<string, ModelUsage> = {};
    const of = (modelId: string) => {
      models[modelId] ??= empty();
      return models[modelId];
    };
    for (const job of this.#jobs.values()) {
      const model = of(job.modelId);
      model.batchInputTokens += job.inputTokens;
      model.batchOutputTokens += job.outputTokens;
      model.batchRecords += job.records;
    }
    for (const [modelId, onDemand] of this.#onDemand) Object.assign(of(modelId), onDemand);
    return { models, jobs: Object.fromEntries(this.#jobs) };
  }
}
