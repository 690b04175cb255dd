import { loadConfig } from "@recap/shared";
import {
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
  storeBucket,
  tableName,
  topicArn,
} from "@recap/shared/runtime";
import { createBatchHandler } from "./take-batch.ts";

const logger = createLogger("shard-builder");
const config = loadConfig();
const db = createDocumentClient();
const s3 = createS3Client();
const publish = createPublisher(createSnsClient(), topicArn);
const quotasOf = quotasReader(createServiceQuotasClient(), config.models);

/** The Lambda: clients and links wired once per container, then every batch to createBatchHandler. */
export const handler = createBatchHandler(
  () => ({
    db,
    table: tableName("shard-builder"),
    s3,
    bucket: storeBucket(),
    config,
    logger,
    publish,
    quotasOf,
  }),
  parkInDeadLetters(createSqsClient(), () => deadLetterUrl("shard-builder")),
);
