import { accountId, partition, region } from "./account.ts";
import { bucket, objectsUnder } from "./storage.ts";

/** What Bedrock reads (JSONL inputs) and writes (outputs and manifests) while running a batch job. */
export const BATCH_INPUT_PREFIX = "shards/" as const;
export const BATCH_OUTPUT_PREFIX = "outputs/" as const;

/**
 * The service role job-submitter hands to CreateModelInvocationJob. Only Bedrock may assume it, and only
 * for batch jobs of this account and region (confused-deputy conditions from the Bedrock guide).
 */
export const batchRole = new aws.iam.Role("BatchInferenceRole", {
  description: "Assumed by Amazon Bedrock to run Recap's batch inference jobs",
  assumeRolePolicy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "bedrock.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: {
            "aws:SourceArn": $interpolate`arn:${partition}:bedrock:${region}:${accountId}:model-invocation-job/*`,
          },
        },
      },
    ],
  }),
});

/**
 * Read shards, write outputs, nothing else. Bedrock lists the input and output locations before it
 * starts, so ListBucket is granted, but only under those two prefixes.
 */
export const batchRolePolicy = new aws.iam.RolePolicy("BatchInferenceRolePolicy", {
  role: batchRole.name,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: [objectsUnder(BATCH_INPUT_PREFIX)] },
      { Effect: "Allow", Action: ["s3:PutObject"], Resource: [objectsUnder(BATCH_OUTPUT_PREFIX)] },
      {
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: [bucket.arn],
        Condition: { StringLike: { "s3:prefix": [`${BATCH_INPUT_PREFIX}*`, `${BATCH_OUTPUT_PREFIX}*`] } },
      },
    ],
  }),
});
