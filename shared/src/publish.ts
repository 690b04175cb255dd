import { type MessageAttributeValue, PublishBatchCommand, type SNSClient } from "@aws-sdk/client-sns";
import { catalogue, type RecapEvent } from "./catalogue.ts";
import type { TopicName } from "./envelope.ts";
import { InvalidOutgoingEventError, TransientFailureError } from "./errors.ts";

/** SNS PublishBatch takes at most ten entries. */
const SNS_BATCH_LIMIT = 10;

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
 * Validates each event against its own schema, then publishes it to the topic its definition names.
 * An event that fails its schema is never sent. A partial batch failure throws, so the caller's message
 * is retried; events carry content-derived ids, so the retry's duplicates are recognisable.
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
    for (const [topic, topicEvents] of byTopic) {
      for (let i = 0; i < topicEvents.length; i += SNS_BATCH_LIMIT) {
        const chunk = topicEvents.slice(i, i + SNS_BATCH_LIMIT);
        const result = await sns.send(
          new PublishBatchCommand({
            TopicArn: arnOf(topic),
            PublishBatchRequestEntries: chunk.map((event, index) => ({
              Id: String(index),
              Message: JSON.stringify(event),
              MessageAttributes: messageAttributes(event),
            })),
          }),
        );
        if (result.Failed && result.Failed.length > 0) {
          const codes = result.Failed.map((f) => f.Code).join(", ");
          throw new TransientFailureError(
            `SNS refused ${result.Failed.length} of ${chunk.length} events: ${codes}`,
          );
        }
      }
    }
  };
}
