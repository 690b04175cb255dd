import {
  type BedrockClient,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
} from "@aws-sdk/client-bedrock";
import { baseModelId } from "@recap/shared";
import { type BackoffPolicy, withBackoff } from "./backoff.ts";

/** The statuses that hold a slot: submitted or in progress, in Bedrock's words. */
export const ACTIVE_STATUSES = ["Submitted", "Validating", "Scheduled", "InProgress", "Stopping"] as const;

/**
 * The ARNs of every job Bedrock counts against this model's quota, Recap's or not: all pages of
 * ListModelInvocationJobs for each active status.
 */
export async function activeJobArns(
  bedrock: BedrockClient,
  modelId: string,
  backoff: BackoffPolicy,
): Promise<Set<string>> {
  const model = baseModelId(modelId);
  const arns = new Set<string>();
  // One listing per status, side by side: a fill waits for one round trip, not five.
  await Promise.all(
    ACTIVE_STATUSES.map(async (statusEquals) => {
      let nextToken: string | undefined;
      do {
        const page = await withBackoff(
          () =>
            bedrock.send(new ListModelInvocationJobsCommand({ statusEquals, maxResults: 1000, nextToken })),
          backoff,
        );
        for (const job of page.invocationJobSummaries ?? []) {
          if (job.jobArn && job.modelId && baseModelId(job.modelId) === model) arns.add(job.jobArn);
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }),
  );
  return arns;
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
  return (ACTIVE_STATUSES as readonly string[]).includes(String(job.status));
}
