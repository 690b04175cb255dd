import { type BedrockClient, GetModelInvocationJobCommand } from "@aws-sdk/client-bedrock";
import { type BackoffPolicy, type JobRecordCounts, withBackoff } from "@recap/shared";

/** What Bedrock says about a job now: the truth that every state-change event is only a hint of. */
export interface JobObservation {
  status: string;
  message?: string;
  /** Bedrock's own times, so that two reads of a terminal job describe it identically. */
  endTime?: string;
  lastModifiedTime?: string;
  counts?: JobRecordCounts;
}

export async function readJob(
  bedrock: BedrockClient,
  jobArn: string,
  backoff: BackoffPolicy,
): Promise<JobObservation> {
  const job = await withBackoff(
    () => bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })),
    backoff,
  );
  return {
    status: String(job.status),
    ...(job.message ? { message: job.message } : {}),
    ...(job.endTime ? { endTime: job.endTime.toISOString() } : {}),
    ...(job.lastModifiedTime ? { lastModifiedTime: job.lastModifiedTime.toISOString() } : {}),
    // Bedrock reports live counts only once it has read the input.
    ...(job.totalRecordCount !== undefined
      ? {
          counts: {
            total: job.totalRecordCount,
            processed: job.processedRecordCount ?? 0,
            succeeded: job.successRecordCount ?? 0,
            failed: job.errorRecordCount ?? 0,
          },
        }
      : {}),
  };
}
