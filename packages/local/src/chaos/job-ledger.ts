import {
  type BedrockClient,
  ListModelInvocationJobsCommand,
  type ModelInvocationJobSummary,
} from "@aws-sdk/client-bedrock";

const TERMINAL = new Set(["Completed", "PartiallyCompleted", "Failed", "Stopped", "Expired"]);

export interface JobFigures {
  total: number;
  /** Jobs not yet ended. */
  active: number;
  byStatus: Record<string, number>;
  /**
   * Shards with more than one job: two jobs reading the same input, or carrying the same name. Each is a
   * second bill for the same records.
   */
  createdTwice: number;
}

/** Bedrock's own job list, every page, as a user reads it. */
export async function jobsOf(bedrock: BedrockClient): Promise<JobFigures> {
  const jobs: ModelInvocationJobSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await bedrock.send(
      new ListModelInvocationJobsCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
    );
    jobs.push(...(page.invocationJobSummaries ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return jobFigures(jobs);
}

export function jobFigures(jobs: readonly ModelInvocationJobSummary[]): JobFigures {
  const byStatus: Record<string, number> = {};
  for (const job of jobs) byStatus[String(job.status)] = (byStatus[String(job.status)] ?? 0) + 1;
  const repeated = (key: (job: ModelInvocationJobSummary) => string | undefined) => {
    const seen = new Map<string, number>();
    for (const job of jobs) {
      const k = key(job);
      if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
  };
  const sameInput = repeated((job) => job.inputDataConfig?.s3InputDataConfig?.s3Uri);
  const sameName = repeated((job) => job.jobName);
  return {
    total: jobs.length,
    active: jobs.filter((job) => !TERMINAL.has(String(job.status))).length,
    byStatus,
    createdTwice: Math.max(sameInput.size, sameName.size),
  };
}
