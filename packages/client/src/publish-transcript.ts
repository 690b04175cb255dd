import { createHash } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import {
  createEvent,
  MAX_INLINE_TRANSCRIPT_BYTES,
  type RecapEvent,
  transcriptSubmitted,
} from "@recap/shared";
import { messageAttributes } from "@recap/shared/runtime";

/** What a producer says about a call: the transcript (any supported format) and how to summarize it. */
export type TranscriptInput = Omit<
  RecapEvent<"transcript.submitted">["data"],
  "contentUri" | "format" | "profile"
> & {
  content: string;
  format?: RecapEvent<"transcript.submitted">["data"]["format"];
  profile?: string;
};

export interface PublishTarget {
  sns: SNSClient;
  /** The Transcripts topic's ARN (`endpoints.json` locally, `sst deploy`'s outputs on AWS). */
  topicArn: string;
  /** For transcripts too big for SNS: the Store bucket and a client to write to it. */
  store?: { s3: S3Client; bucket: string };
}

/** Too big to go inline, and no store to put it in. */
export class TranscriptTooBigError extends Error {
  override readonly name = "TranscriptTooBigError";
}

/**
 * Publishes one transcript.submitted. The event is validated against its schema before it leaves (a bad
 * field throws, naming it); content over SNS's inline limit goes to the Store bucket under `raw/` and travels
 * by reference; the message attributes subscribers filter on are set. Returns the event id (content-derived:
 * publishing the same call again sends the same id, which Recap recognises as a repeat).
 */
export async function publishTranscript(
  target: PublishTarget,
  transcript: TranscriptInput,
): Promise<{ eventId: string; by: "inline" | "reference" }> {
  const { content, ...rest } = transcript;
  const inline = Buffer.byteLength(content) <= MAX_INLINE_TRANSCRIPT_BYTES;
  let by: "inline" | "reference" = "inline";
  let where: { content: string } | { contentUri: string } = { content };
  if (!inline) {
    if (!target.store)
      throw new TranscriptTooBigError(
        `transcript ${transcript.transcriptId} is ${Buffer.byteLength(content)} bytes, over the ${MAX_INLINE_TRANSCRIPT_BYTES} that go inline: give publishTranscript a store`,
      );
    const digest = createHash("sha256").update(content).digest("hex").slice(0, 16);
    const key = `raw/${transcript.transcriptId}/${digest}`;
    await target.store.s3.send(
      new PutObjectCommand({ Bucket: target.store.bucket, Key: key, Body: content }),
    );
    where = { contentUri: `s3://${target.store.bucket}/${key}` };
    by = "reference";
  }
  // createEvent validates against the event's schema: a bad field throws here, naming it.
  const event = createEvent(transcriptSubmitted, {
    producer: "recap-client",
    correlationId: transcript.transcriptId,
    data: { ...rest, ...where },
  });
  await target.sns.send(
    new PublishCommand({
      TopicArn: target.topicArn,
      Message: JSON.stringify(event),
      MessageAttributes: messageAttributes(event),
    }),
  );
  return { eventId: event.id, by };
}
