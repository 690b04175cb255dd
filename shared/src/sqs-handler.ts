import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { PoisonMessageError } from "./errors.ts";

export type SqsBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;
export type PoisonPolicy = (record: SQSRecord, error: PoisonMessageError) => Promise<void>;

/**
 * The Lambda handler every Recap service exports: decode each record, handle it, report partial batch
 * failures. Poison (a record that can never be valid) is handed to `onPoison` and acknowledged, so it
 * does not burn retries; any other error leaves the record on the queue for another attempt and, after
 * the queue's maxReceiveCount, its dead-letter queue.
 *
 * @example
 * export const handler = createSqsHandler({
 *   logger, decode: (r) => decodeEvent(r, ["shard.sealed"]), handle: submitJob, onPoison: parkInDeadLetters(...),
 * });
 */
export function createSqsHandler<T>(spec: {
  logger: Logger;
  decode: (record: SQSRecord) => T;
  handle: (item: T, record: SQSRecord) => Promise<void>;
  onPoison: PoisonPolicy;
}): SqsBatchHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    try {
      await spec.handle(spec.decode(record), record);
    } catch (error) {
      if (!(error instanceof PoisonMessageError)) {
        spec.logger.warn("record failed; it stays queued for a retry", {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          error: { name: (error as Error).name, message: (error as Error).message },
        });
        throw error;
      }
      spec.logger.warn("poison record", { messageId: record.messageId, reason: error.reason });
      await spec.onPoison(record, error);
    }
  };
  return (event, context) =>
    processPartialResponse(event, recordHandler, processor, context ? { context } : undefined);
}

/**
 * Poison goes straight to the service's dead-letter queue, body and attributes untouched, with the reason
 * attached, where an operator can inspect and redrive it.
 */
export function parkInDeadLetters(sqs: SQSClient, deadLetterUrl: () => string): PoisonPolicy {
  return async (record, error) => {
    const attributes: Record<string, MessageAttributeValue> = {};
    for (const [key, value] of Object.entries(record.messageAttributes)) {
      if (value.stringValue !== undefined)
        attributes[key] = { DataType: value.dataType, StringValue: value.stringValue };
      // Lambda's SQS event carries a binary attribute base64-encoded; SQS takes the bytes back.
      else if (value.binaryValue !== undefined)
        attributes[key] = { DataType: value.dataType, BinaryValue: Buffer.from(value.binaryValue, "base64") };
    }
    attributes["recap.poisonReason"] = { DataType: "String", StringValue: error.reason };
    attributes["recap.poisonMessage"] = { DataType: "String", StringValue: error.message.slice(0, 1000) };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: deadLetterUrl(),
        MessageBody: record.body,
        MessageAttributes: attributes,
      }),
    );
  };
}
