import {
  type BedrockClient,
  CreateModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
} from "@aws-sdk/client-bedrock";
import { type BackoffPolicy, isThrottling, withBackoff } from "./backoff.ts";
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
  | { kind: "refused"; code: string; message: string };

/** Refusals no retry can change: the shard's records must go another way. */
const PERMANENT = new Set(["ValidationException", "ResourceNotFoundException"]);

/**
 * CreateModelInvocationJob, idempotent: the client token and the job name both come from the shard id, so a
 * retry, or a crash after Bedrock accepted the job, returns the same job and never a second, billed one.
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
            clientRequestToken: shard.shardId,
            roleArn: request.roleArn,
            modelId: shard.modelId,
            inputDataConfig: { s3InputDataConfig: { s3Uri: shard.inputUri, s3InputFormat: "JSONL" } },
            outputDataConfig: { s3OutputDataConfig: { s3Uri: request.outputUri } },
            timeoutDurationInHours: request.timeoutHours,
            ...(request.invocationType === "Converse" ? { modelInvocationType: "Converse" } : {}),
            tags: [
              { key: "recap:shard", value: shard.shardId },
              { key: "recap:profile", value: shard.profile },
            ],
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
