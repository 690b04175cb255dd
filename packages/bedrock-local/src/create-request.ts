import { requireShape } from "./service-model/validate.ts";

export interface CreateRequest {
  jobName: string;
  roleArn: string;
  clientRequestToken?: string;
  modelId: string;
  inputDataConfig: { s3InputDataConfig: { s3Uri: string; s3InputFormat?: "JSONL"; s3BucketOwner?: string } };
  outputDataConfig: {
    s3OutputDataConfig: { s3Uri: string; s3EncryptionKeyId?: string; s3BucketOwner?: string };
  };
  vpcConfig?: { subnetIds: string[]; securityGroupIds: string[] };
  timeoutDurationInHours: number;
  tags: Array<{ key: string; value: string }>;
  modelInvocationType: "InvokeModel" | "Converse";
}

/** What Bedrock assumes for the optional members a request leaves out. */
const DEFAULT_TIMEOUT_HOURS = 168;

/**
 * The request checked against CreateModelInvocationJobRequest's shape in Bedrock's service model, as Bedrock
 * checks it before a job exists: a ValidationException naming every broken member otherwise.
 */
export function parseCreateRequest(body: unknown): CreateRequest {
  requireShape("CreateModelInvocationJobRequest", body);
  const request = body as Partial<CreateRequest> & Omit<CreateRequest, "timeoutDurationInHours" | "tags">;
  return {
    ...request,
    timeoutDurationInHours: request.timeoutDurationInHours ?? DEFAULT_TIMEOUT_HOURS,
    tags: request.tags ?? [],
    modelInvocationType: request.modelInvocationType ?? "InvokeModel",
  };
}
