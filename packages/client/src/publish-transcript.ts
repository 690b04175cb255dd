import { createHash } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import {
  createEvent,
  MAX_INLINE_TRANSCRIPT_BYTES,
  type RecapEvent,
  SNS_MAX_PAYLOAD_BYTES,
  snsMessageBytes,
  transcriptSubmitted,
} from "@recap/shared";
import { messageAttributes } from "@recap/shared/runtime";

/** What a producer says about a call: the transcript (any supported format) and how to summarize it. */
export type TranscriptInput = Omit<
  RecapEvent<"transcript.submitted">["data"],
  "content" | "contentUri" | "format" | "profile"
> & {
  /**
   * The transcript: text, or the bytes of a file as they are. Bytes always travel by reference and Recap
   * decodes them (UTF-8, or UTF-16 LE/BE with a byte-order mark, as Windows tools export).
   */
  content: string | Uint8Array;
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

/** Too big to go inline, or bytes that can only go by reference, and no store to put them in. */
export class TranscriptTooBigError extends Error {
  override readonly name = "TranscriptTooBigError";
}

/**
 * Publishes one transcript.submitted. The event is validated against its schema before it leaves (a bad
 * field throws, naming it); content over SNS's inline limit, or given as bytes, goes to the Store bucket under
 * `raw/` and travels by reference; the message attributes subscribers filter on are set. Returns the event id (content-derived:
 * publishing the same call again sends the same id, which Recap recognises as a repeat).
 */
export async function publishTranscript(
  target: PublishTarget,
  transcript: TranscriptInput,
): Promise<{ eventId: string; by: "inline" | "reference" }> {
  const { content, ...rest } = transcript;
  // createEvent validates against the event's schema: a bad field throws here, naming it.
  const submitted = (where: { content: string } | { contentUri: string }) =>
    createEvent(transcriptSubmitted, {
      producer: "recap-client",
      correlationId: transcript.transcriptId,
      data: { ...rest, ...where },
    });
  // SNS carries text: bytes (which may be UTF-16) cannot go inline without being decoded here.
  const inline =
    typeof content === "string" && Buffer.byteLength(content) <= MAX_INLINE_TRANSCRIPT_BYTES
      ? submitted({ content })
      : undefined;
  // A transcript within the inline limit still goes by reference if, with its metadata, SNS would refuse it.
  const inlineBytes = inline ? snsBytes(inline) : undefined;
  if (inline && inlineBytes !== undefined && inlineBytes <= SNS_MAX_PAYLOAD_BYTES) {
    await send(target, inline);
    return { eventId: inline.id, by: "inline" };
  }
  if (!target.store)
    throw new TranscriptTooBigError(
      typeof content !== "string"
        ? `transcript ${transcript.transcriptId} is given as bytes, which travel by reference: give publishTranscript a store`
        : inlineBytes !== undefined
          ? `transcript ${transcript.transcriptId} with its metadata makes a ${inlineBytes}-byte event, over the ${SNS_MAX_PAYLOAD_BYTES} SNS takes: give publishTranscript a store`
          : `transcript ${transcript.transcriptId} is ${Buffer.byteLength(content)} bytes, over the ${MAX_INLINE_TRANSCRIPT_BYTES} that go inline: give publishTranscript a store`,
    );
  const digest = createHash("sha256").update(content).digest("hex").slice(0, 16);
  const key = `raw/${transcript.transcriptId}/${digest}`;
  await target.store.s3.send(new PutObjectCommand({ Bucket: target.store.bucket, Key: key, Body: content }));
  const byReference = submitted({ contentUri: `s3://${target.store.bucket}/${key}` });
  await send(target, byReference);
  return { eventId: byReference.id, by: "reference" };
}

/** The event's size as SNS counts it: its JSON and its attributes. */
function snsBytes(event: RecapEvent<"transcript.submitted">): number {
  return snsMessageBytes({ Message: JSON.stringify(event), MessageAttributes: messageAttributes(event) });
}

async function send(target: PublishTarget, event: RecapEvent<"transcript.submitted">): Promise<void> {
  await target.sns.send(
    new PublishCommand({
      TopicArn: target.topicArn,
      Message: JSON.stringify(event),
      MessageAttributes: messageAttributes(event),
    }),
  );
}
