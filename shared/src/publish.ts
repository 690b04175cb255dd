import { type MessageAttributeValue, PublishBatchCommand, type SNSClient } from "@aws-sdk/client-sns";
import { catalogue, type RecapEvent } from "./catalogue.ts";
import type { TopicName } from "./envelope.ts";
import { InvalidOutgoingEventError, TransientFailureError } from "./errors.ts";
import { packSnsBatches } from "./sns-batches.ts";

export type Publish = (...events: RecapEvent[]) => Promise<void>;

/** SNS message attributes: `type` always, plus the definition's filterable metadata. */
export function messageAttributes(event: RecapEvent): Record<string, MessageAttributeValue> {
  const definition = catalogue[event.type];
  const attributes = { type: event.type, ...definition.attributes(event.data as never) };
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => [key, { DataType: "String", StringValue: value }]),
  );
}

/**
 * Validates each event against its own schema, then publishes it to the topic its definition names, in
 * PublishBatch requests packed under both of SNS's limits (ten entries, 262,144 bytes with attributes).
 * An event that fails its schema is never sent; one SNS cannot take on its own throws
 * `UnpublishableMessageError` (poison) before anything is sent. A partial batch failure throws, so the
 * caller's message is retried; events carry content-derived ids, so the retry's duplicates are recognisable.
 *
 * @example
 * const publish = createPublisher(createSnsClient(), topicArn);
 * await publish(createEvent(transcriptNormalized, { producer: "ingest-normalizer", correlationId, data }));
 */
export function createPublisher(sns: SNSClient, arnOf: (topic: TopicName) => string): Publish {
  return async (...events) => {
    const byTopic = new Map<TopicName, RecapEvent[]>();
    for (const event of events) {
      const definition = catalogue[event.type];
      const checked = definition.schema.safeParse(event);
      if (!checked.success) {
        throw new InvalidOutgoingEventError(
          `${event.type} ${event.id} fails its schema: ${checked.error.message}`,
        );
      }
      byTopic.set(definition.topic, [...(byTopic.get(definition.topic) ?? []), event]);
    }
    const batchesByTopic = [...byTopic].map(([topic, topicEvents]) => ({
      topic,
      // Packed before anything is sent, so an event SNS cannot take stops the whole call, not half of it.
      batches: packSnsBatches(
        topicEvents.map((event) => ({
          Message: JSON.stringify(event),
          MessageAttributes: messageAttributes(event),
        })),
      ),
    }));
    for (const { topic, batches } of batchesByTopic) {
      for (const batch of batches) {
        const result = await sns.send(
          new PublishBatchCommand({
            TopicArn: arnOf(topic),
            PublishBatchRequestEntries: batch.map((entry, index) => ({ Id: String(index), ...entry })),
          }),
        );
        if (result.Failed && result.Failed.length > 0) {
          const codes = result.Failed.map((f) => f.Code).join(", ");
          throw new TransientFailureError(
            `SNS refused ${result.Failed.length} of ${batch.length} events: ${codes}`,
          );
        }
      }
    }
  };
}
