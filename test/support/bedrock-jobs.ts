import {
  BedrockClient,
  ListModelInvocationJobsCommand,
  type ModelInvocationJobSummary,
} from "@aws-sdk/client-bedrock";
import type { Endpoints } from "@recap/local/endpoints";

const TERMINAL = new Set(["Completed", "PartiallyCompleted", "Failed", "Stopped", "Expired"]);

export function bedrockClientFor(endpoints: Endpoints): BedrockClient {
  return new BedrockClient({
    region: endpoints.region,
    endpoint: endpoints.bedrockEndpoint,
    credentials: endpoints.credentials,
  });
}

/** Every job in the account, all pages, as a user reading Bedrock's job list sees them. */
export async function listAllJobs(bedrock: BedrockClient): Promise<ModelInvocationJobSummary[]> {
  const jobs: ModelInvocationJobSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await bedrock.send(new ListModelInvocationJobsCommand({ maxResults: 1000, nextToken }));
    jobs.push(...(page.invocationJobSummaries ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return jobs;
}

export const isTerminal = (job: ModelInvocationJobSummary) => TERMINAL.has(String(job.status));

/**
 * Samples Bedrock's job list throughout a run and keeps the most jobs ever active at once per model: the
 * quota invariant is checked against what Bedrock itself reports, not against Recap's own bookkeeping.
 */
export class ActiveJobSampler {
  readonly maxActive = new Map<string, number>();
  samples = 0;
  #stopped = false;
  #loop: Promise<void> | undefined;
  readonly #bedrock: BedrockClient;

  constructor(bedrock: BedrockClient) {
    this.#bedrock = bedrock;
  }

  start(everyMs = 100): void {
    this.#loop = (async () => {
      while (!this.#stopped) {
        const active = new Map<string, number>();
        for (const job of await listAllJobs(this.#bedrock)) {
          if (!isTerminal(job)) active.set(String(job.modelId), (active.get(String(job.modelId)) ?? 0) + 1);
        }
        for (const [model, count] of active)
          this.maxActive.set(model, Math.max(count, this.maxActive.get(model) ?? 0));
        this.samples++;
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
  }
}

/**
 * Seconds from each job's terminal status to the next CreateModelInvocationJob for the same model, counted only
 * when a shard was already waiting at that moment (`readyAt` of its job's name; otherwise there was nothing to
 * refill with).
 */
export function refillDelays(
  jobs: readonly ModelInvocationJobSummary[],
  readyAt: (jobName: string) => number | undefined,
  /** Job ends not to count, e.g. those right after an instance was killed on purpose. */
  excluded: (end: number) => boolean = () => false,
): number[] {
  const delays: number[] = [];
  for (const ended of jobs) {
    if (!ended.endTime) continue;
    const end = ended.endTime.getTime();
    if (excluded(end)) continue;
    const later = jobs.filter(
      (j) => j.modelId === ended.modelId && j.submitTime && j.submitTime.getTime() >= end,
    );
    const waiting = later.filter((j) => (readyAt(String(j.jobName)) ?? Number.POSITIVE_INFINITY) <= end);
    if (waiting.length === 0) continue;
    const next = Math.min(...later.map((j) => j.submitTime?.getTime() ?? Number.POSITIVE_INFINITY));
    delays.push((next - end) / 1000);
  }
  return delays;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
