import { decodeEvent } from "@recap/shared";
import {
  createLogger,
  createPublisher,
  createS3Client,
  createSnsClient,
  createSqsHandler,
  storeBucket,
  topicArn,
} from "@recap/shared/runtime";
import { ingestTranscript, rejectUnreadable } from "./ingest.ts";

const logger = createLogger("ingest-normalizer");
const deps = {
  s3: createS3Client(),
  bucket: storeBucket,
  publish: createPublisher(createSnsClient(), topicArn),
  logger,
};

export const handler = createSqsHandler({
  logger,
  decode: (record) => decodeEvent(record, ["transcript.submitted"]),
  handle: (event, record) => ingestTranscript(event, record.body, deps),
  // An unreadable submission is still a rejected transcript: kept and announced, not dead-lettered.
  onPoison: (record, error) => rejectUnreadable(record.body, error, deps),
});
