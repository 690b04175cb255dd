import { jobNamePrefix, loadConfig } from "@recap/shared";
import {
  batchRoleArn,
  createBedrockClient,
  createBedrockRuntimeClient,
  createDocumentClient,
  createLogger,
  createPublisher,
  createS3Client,
  createServiceQuotasClient,
  createSnsClient,
  createSqsClient,
  deadLetterUrl,
  parkInDeadLetters,
  quotasReader,
  stageName,
  storeBucket,
  tableName,
  topicArn,
} from "@recap/shared/runtime";
import { createBatchHandler } from "./take-batch.ts";

const logger = createLogger("job-submitter");
const config = loadConfig();
const db = createDocumentClient();
const s3 = createS3Client();
const bedrock = createBedrockClient();
const runtime = createBedrockRuntimeClient();
const publish = createPublisher(createSnsClient(), topicArn);
const quotasOf = quotasReader(createServiceQuotasClient(), config.models);
const stage = stageName();

/** The Lambda: clients and links wired once per container, then every batch to createBatchHandler. */
export const handler = createBatchHandler(
  () => ({
    db,
    table: tableName("job-submitter"),
    s3,
    bucket: storeBucket(),
    bedrock,
    runtime,
    publish,
    logger,
    config,
    quotasOf,
    jobNamePrefix: jobNamePrefix(stage),
    roleArn: batchRoleArn(),
    // Bedrock writes `<outputUri><jobId>/…`; one folder per shard keeps a shard's output together.
    outputUriOf: (shardId) => `s3://${storeBucket()}/outputs/${shardId}/`,
  }),
  parkInDeadLetters(createSqsClient(), () => deadLetterUrl("job-submitter")),
);
