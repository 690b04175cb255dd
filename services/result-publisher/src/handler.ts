import { loadConfig } from "@recap/shared";
import {
  createDocumentClient,
  createLogger,
  createPublisher,
  createS3Client,
  createSnsClient,
  createSqsClient,
  deadLetterUrl,
  parkInDeadLetters,
  storeBucket,
  tableName,
  topicArn,
} from "@recap/shared/runtime";
import { createBatchHandler } from "./take-batch.ts";

const logger = createLogger("result-publisher");
const config = loadConfig();
const db = createDocumentClient();
const s3 = createS3Client();
const publish = createPublisher(createSnsClient(), topicArn);

/** The Lambda: clients and links wired once per container, then every message to createBatchHandler. */
export const handler = createBatchHandler(
  () => ({ db, table: tableName("result-publisher"), s3, bucket: storeBucket(), publish, logger, config }),
  parkInDeadLetters(createSqsClient(), () => deadLetterUrl("result-publisher")),
);
