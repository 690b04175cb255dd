import { PoisonMessageError } from "./errors.ts";

/** SNS PublishBatch takes at most ten entries. */
export const SNS_MAX_BATCH_ENTRIES = 10;
/**
 * A topic's default `MaximumMessageSize`: one message, and all the messages of one PublishBatch together,
 * each counted with its attributes. Recap's topics keep the default.
 */
export const SNS_MAX_PAYLOAD_BYTES = 262_144;
/** SNS delivers at most ten attributes to an SQS subscription with raw delivery, which every Recap one is. */
export const SNS_MAX_RAW_DELIVERY_ATTRIBUTES = 10;

/** A message attribute as the SDK takes it: `StringValue` for String and Number, `BinaryValue` for Binary. */
export interface SnsAttributeValue {
  DataType: string | undefined;
  StringValue?: string | undefined;
  BinaryValue?: Uint8Array | undefined;
}

/** A message as Publish or a PublishBatch entry carries it. */
export interface SnsMessage {
  Message: string | undefined;
  MessageAttributes?: Record<string, SnsAttributeValue> | undefined;
}

const utf8 = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, "utf8"));

/**
 * A message's size as SNS counts it against `MaximumMessageSize`: the body's UTF-8 bytes, plus each
 * attribute's name, data type and value (a binary value by its bytes, not its base64 on the wire).
 */
export function snsMessageBytes(message: SnsMessage): number {
  let bytes = utf8(message.Message);
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    bytes += utf8(name) + utf8(value.DataType);
    bytes += value.BinaryValue ? value.BinaryValue.byteLength : utf8(value.StringValue);
  }
  return bytes;
}

/**
 * One message SNS can never take or deliver as it is: bigger than a topic takes, or with more attributes
 * than a raw SQS subscription receives. Publishing it again cannot help, so the message that led to it is
 * poison: parked at once, not retried until its queue gives up.
 */
export class UnpublishableMessageError extends PoisonMessageError {
  override readonly name = "UnpublishableMessageError";
}

/** Why SNS would refuse or drop this one message, or `undefined` if it takes and delivers it. */
export function unpublishableReason(message: SnsMessage): string | undefined {
  const bytes = snsMessageBytes(message);
  if (bytes > SNS_MAX_PAYLOAD_BYTES)
    return `${bytes} bytes with its attributes, over SNS's ${SNS_MAX_PAYLOAD_BYTES}`;
  const attributes = Object.keys(message.MessageAttributes ?? {}).length;
  if (attributes > SNS_MAX_RAW_DELIVERY_ATTRIBUTES)
    return `${attributes} message attributes; a raw SQS subscription receives at most ${SNS_MAX_RAW_DELIVERY_ATTRIBUTES}`;
  return undefined;
}

/**
 * Packs messages, in order, into PublishBatch requests SNS takes: at most ten entries and at most 262,144
 * bytes together, counted as SNS counts them. A message SNS cannot take on its own throws
 * {@link UnpublishableMessageError} before anything is packed, naming its position and size (never its text).
 *
 * @example
 * for (const batch of packSnsBatches(entries)) await sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: batch }));
 */
export function packSnsBatches<M extends SnsMessage>(messages: readonly M[]): M[][] {
  const batches: M[][] = [];
  let batch: M[] = [];
  let batchBytes = 0;
  messages.forEach((message, index) => {
    const reason = unpublishableReason(message);
    if (reason)
      throw new UnpublishableMessageError(
        `message ${index + 1} of ${messages.length} cannot go through SNS: ${reason}`,
        "unpublishable-message",
      );
    const bytes = snsMessageBytes(message);
    if (batch.length === SNS_MAX_BATCH_ENTRIES || batchBytes + bytes > SNS_MAX_PAYLOAD_BYTES) {
      batches.push(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push(message);
    batchBytes += bytes;
  });
  if (batch.length > 0) batches.push(batch);
  return batches;
}
