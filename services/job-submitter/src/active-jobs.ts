import { type BedrockClient, ListModelInvocationJobsCommand } from "@aws-sdk/client-bedrock";
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
  for (const statusEquals of ACTIVE_STATUSES) {
    let nextToken: string | undefined;
    do {
      const page = await withBackoff(
        () => bedrock.send(new ListModelInvocationJobsCommand({ statusEquals, maxResults: 1000, nextToken })),
        backoff,
      );
      for (const job of page.invocationJobSummaries ?? []) {
        if (job.jobArn && job.modelId && baseModelId(job.modelId) === model) arns.add(job.jobArn);
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return arns;
}
