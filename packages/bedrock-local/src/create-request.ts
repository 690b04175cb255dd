import { z } from "zod";
import { validation } from "./errors.ts";

// Patterns from the Bedrock API model, so the emulator refuses exactly what Bedrock refuses.
const JOB_NAME = /^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/;
const ROLE_ARN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
const S3_URI = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;

const createRequestSchema = z.object({
  jobName: z.string().min(1).max(63).regex(JOB_NAME, `must match ${JOB_NAME.source}`),
  roleArn: z.string().max(2048).regex(ROLE_ARN, "must be an IAM role ARN"),
  clientRequestToken: z.string().min(1).max(256).optional(),
  modelId: z.string().min(1).max(2048),
  inputDataConfig: z.object({
    s3InputDataConfig: z.object({
      s3Uri: z.string().regex(S3_URI, "must be an s3:// URI"),
      s3InputFormat: z.literal("JSONL").optional(),
      s3BucketOwner: z.string().optional(),
    }),
  }),
  outputDataConfig: z.object({
    s3OutputDataConfig: z.object({
      s3Uri: z.string().regex(S3_URI, "must be an s3:// URI"),
      s3EncryptionKeyId: z.string().optional(),
      s3BucketOwner: z.string().optional(),
    }),
  }),
  vpcConfig: z.object({ subnetIds: z.array(z.string()), securityGroupIds: z.array(z.string()) }).optional(),
  timeoutDurationInHours: z.number().int().min(24).max(168).default(168),
  tags: z
    .array(z.object({ key: z.string().min(1).max(128), value: z.string().max(256) }))
    .max(200)
    .default([]),
  modelInvocationType: z.enum(["InvokeModel", "Converse"]).default("InvokeModel"),
});

export type CreateRequest = z.output<typeof createRequestSchema>;

/** The request's shape, checked as Bedrock checks it before a job exists: a ValidationException otherwise. */
export function parseCreateRequest(body: unknown): CreateRequest {
  const parsed = createRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map(
    (i) => `Value at '${i.path.join(".")}' failed to satisfy constraint: ${i.message}`,
  );
  throw validation(
    `${issues.length} validation error${issues.length > 1 ? "s" : ""} detected: ${issues.join("; ")}`,
  );
}
