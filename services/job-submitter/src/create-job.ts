import {
  type BedrockClient,
  CreateModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
} from "@aws-sdk/client-bedrock";
import { type BackoffPolicy, isThrottling, withBackoff } from "@recap/shared";
import type { SealedShard } from "./waiting-shards.ts";

export interface JobRequest {
  shard: SealedShard;
  jobName: string;
  roleArn: string;
  outputUri: string;
  timeoutHours: number;
  invocationType: "InvokeModel" | "Converse";
}

export type CreateOutcome =
  | { kind: "created"; jobArn: string }
  | { kind: "quota-full"; message: string }
  | { kind: "throttled"; message: string }
  | { kind: "refused"; code: string; message: string }
  /** Not tried to the end this time (an unclassified failure, counted); the next fill tries again. */
  | { kind: "skipped" };

/** Refusals no retry can change: the shard's records must go another way. */
const PERMANENT = new Set(["ValidationException", "ResourceNotFoundException"]);

/**
 * CreateModelInvocationJob, idempotent: the client token and the job name are both `recap-<stage>-<shardId>`,
 * so a retry, or a crash after Bedrock accepted the job, returns the same job and never a second, billed one.
 * No tags: tagging at create needs bedrock:TagResource too, and the name already says which shard it is.
 */
export async function createJob(
  bedrock: BedrockClient,
  request: JobRequest,
  backoff: BackoffPolicy,
): Promise<CreateOutcome> {
  const { shard } = request;
  try {
    const { jobArn } = await withBackoff(
      () =>
        bedrock.send(
          new CreateModelInvocationJobCommand({
            jobName: request.jobName,
            // The job name carries the stage: two stages in one account never share a token.
            clientRequestToken: request.jobName,
            roleArn: request.roleArn,
            modelId: shard.modelId,
            inputDataConfig: { s3InputDataConfig: { s3Uri: shard.inputUri, s3InputFormat: "JSONL" } },
            outputDataConfig: { s3OutputDataConfig: { s3Uri: request.outputUri } },
            timeoutDurationInHours: request.timeoutHours,
            ...(request.invocationType === "Converse" ? { modelInvocationType: "Converse" } : {}),
          }),
        ),
      backoff,
    );
    if (!jobArn) throw new Error("CreateModelInvocationJob returned no jobArn");
    return { kind: "created", jobArn };
  } catch (error) {
    const { name, message } = error as Error;
    if (name === "ServiceQuotaExceededException") return { kind: "quota-full", message };
    if (isThrottling(error)) return { kind: "throttled", message };
    if (PERMANENT.has(name)) return { kind: "refused", code: name, message };
    // The name is taken: only this shard's own job can carry it. Find it rather than fail.
    if (name === "ConflictException") {
      const existing = await jobNamed(bedrock, request.jobName);
      if (existing) return { kind: "created", jobArn: existing };
    }
    throw error;
  }
}

async function jobNamed(bedrock: BedrockClient, jobName: string): Promise<string | undefined> {
  const page = await bedrock.send(
    new ListModelInvocationJobsCommand({ nameContains: jobName, maxResults: 100 }),
  );
  return page.invocationJobSummaries?.find((job) => job.jobName === jobName)?.jobArn;
}
