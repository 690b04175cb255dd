import { loadConfig } from "@recap/shared";
import {
  createBedrockClient,
  createDocumentClient,
  createLogger,
  createPublisher,
  createSnsClient,
  createSqsClient,
  deadLetterUrl,
  parkInDeadLetters,
  stageName,
  tableName,
  topicArn,
} from "@recap/shared/runtime";
import { createBatchHandler } from "./take-batch.ts";

const logger = createLogger("status-watcher");
const config = loadConfig();
const db = createDocumentClient();
const bedrock = createBedrockClient();
const publish = createPublisher(createSnsClient(), topicArn);
const stage = stageName();

/** The Lambda: clients and links wired once per container, then every batch to createBatchHandler. */
export const handler = createBatchHandler(
  () => ({
    db,
    table: tableName("status-watcher"),
    bedrock,
    publish,
    logger,
    backoff: config.submitting.throttle,
    policy: config.watching,
    stage,
  }),
  parkInDeadLetters(createSqsClient(), () => deadLetterUrl("status-watcher")),
);
