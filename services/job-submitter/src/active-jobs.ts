import {
  type BedrockClient,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
} from "@aws-sdk/client-bedrock";
import { type BackoffPolicy, baseModelId, withBackoff } from "@recap/shared";

/** The statuses that hold a slot: submitted or in progress, in Bedrock's words. */
export const ACTIVE_STATUSES: readonly string[] = [
  "Submitted",
  "Validating",
  "Scheduled",
  "InProgress",
  "Stopping",
];
/** No job lives longer than its 168-hour maximum timeout plus its time in Submitted and Validating. */
const OLDEST_ACTIVE_MS = (168 + 24) * 3_600_000;

export interface ActiveJob {
  jobName: string;
  submitTime?: Date;
}

/**
 * Every job Bedrock counts against this model's quota, Recap's or not, by ARN. One listing of every job
 * submitted within the longest a job can live, filtered here: per-status listings side by side could each miss
 * a job that moved from one status to the next between them, and an undercount costs a refused create.
 */
export async function activeJobs(
  bedrock: BedrockClient,
  modelId: string,
  backoff: BackoffPolicy,
  now: number,
): Promise<Map<string, ActiveJob>> {
  const model = baseModelId(modelId);
  const jobs = new Map<string, ActiveJob>();
  let nextToken: string | undefined;
  do {
    const page = await withBackoff(
      () =>
        bedrock.send(
          new ListModelInvocationJobsCommand({
            submitTimeAfter: new Date(now - OLDEST_ACTIVE_MS),
            maxResults: 1000,
            nextToken,
          }),
        ),
      backoff,
    );
    for (const job of page.invocationJobSummaries ?? []) {
      const counts = job.jobArn && job.modelId && baseModelId(job.modelId) === model;
      if (counts && ACTIVE_STATUSES.includes(String(job.status))) {
        jobs.set(String(job.jobArn), {
          jobName: String(job.jobName),
          ...(job.submitTime ? { submitTime: job.submitTime } : {}),
        });
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return jobs;
}

/**
 * Whether a job Recap created, which the list does not show, still holds a slot: either the list lags behind
 * the create (it does on AWS, briefly), or the job already ended (a short one, between two fills).
 */
export async function stillActive(
  bedrock: BedrockClient,
  jobArn: string,
  backoff: BackoffPolicy,
): Promise<boolean> {
  const job = await withBackoff(
    () => bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })),
    backoff,
  );
  return ACTIVE_STATUSES.includes(String(job.status));
}
