import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { metadataSchema, s3UriSchema } from "../ids.ts";
import { recordIdSchema, unitOfWorkSchema } from "../record-map.ts";
import { shardIdSchema } from "./shard.ts";

/** Why one record of a job produced no summary. Codes are stable; messages are for people. */
export const recordFailureCodeSchema = z.enum([
  /** Bedrock wrote the record with an `error` instead of `modelOutput`. */
  "model-error",
  /** The record is absent from every output file of a job that ended. */
  "missing-output",
  /** The answer stopped at `max_tokens`, so it is truncated. */
  "truncated",
  /** The answer is not JSON, or not the profile's summary schema. */
  "invalid-summary",
  /** The job ended Failed, Stopped or Expired before this record was answered. */
  "job-ended",
  /** Bedrock refused the shard's job at create time. */
  "job-refused",
]);
export type RecordFailureCode = z.infer<typeof recordFailureCodeSchema>;

export const recordFailureSchema = z.object({
  code: recordFailureCodeSchema,
  message: z.string().min(1).max(1024),
});
export type RecordFailure = z.infer<typeof recordFailureSchema>;

export const recordRetrying = defineEvent({
  type: "record.retrying",
  version: 1,
  topic: "Pipeline",
  description:
    "A record produced no summary and its unit of work gets another attempt: shard-builder enters it again, " +
    "with attempt + 1 (so a new recordId), in a small retry shard or on demand.",
  data: z.object({
    unit: unitOfWorkSchema.describe("The unit of work, with the attempt to make now"),
    previous: z.object({
      recordId: recordIdSchema,
      shardId: shardIdSchema,
      failure: recordFailureSchema,
    }),
    transcriptUri: s3UriSchema,
    language: z.string().optional(),
    deadline: z.iso.datetime({ offset: true }).optional(),
    metadata: metadataSchema,
  }),
  attributes: (d) => ({ profile: d.unit.profile, reason: d.previous.failure.code }),
});
