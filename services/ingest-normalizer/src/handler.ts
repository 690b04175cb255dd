import { decodeEvent, MAX_REFERENCED_TRANSCRIPT_BYTES } from "@recap/shared";
import {
  createLogger,
  createPublisher,
  createS3Client,
  createSnsClient,
  createSqsHandler,
  storeBucket,
  topicArn,
} from "@recap/shared/runtime";
import { ByteBudget } from "./byte-budget.ts";
import { ingestTranscript, rejectUnreadable } from "./ingest.ts";

const logger = createLogger("ingest-normalizer");
const deps = {
  s3: createS3Client(),
  bucket: storeBucket,
  publish: createPublisher(createSnsClient(), topicArn),
  logger,
  // Two of the largest referenced transcripts at once: ten 9 MB ones in a batch peaked at 402 MB of the
  // function's 512 read all together (test/e2e/ingest-memory.e2e.test.ts, under --lambda-limits).
  referencedBytes: new ByteBudget(2 * MAX_REFERENCED_TRANSCRIPT_BYTES),
};

export const handler = createSqsHandler({
  logger,
  decode: (record) => decodeEvent(record, ["transcript.submitted"]),
  handle: (event, record) => ingestTranscript(event, record.body, deps),
  // An unreadable submission is still a rejected transcript: kept and announced, not dead-lettered.
  onPoison: (record, error) => rejectUnreadable(record.body, error, deps),
});
