import { catalogue, type EventType } from "../catalogue.ts";
import type { TopicName } from "../envelope.ts";
import { consumersOf, producersOf } from "../topology.ts";
import { eventJsonSchemas } from "./event-json-schemas.ts";

const TOPICS: Record<TopicName, string> = {
  Transcripts: "Where producers publish transcript.submitted: the way in.",
  Pipeline: "Events between Recap's stages, and observation events for dashboards and the CLI.",
  Summaries: "Outcomes: one summary.ready or summary.failed per unit of work, and transcript.rejected.",
};

/** A JSON Pointer token: `~` and `/` escaped. */
const pointer = (name: string) => name.replaceAll("~", "~0").replaceAll("/", "~1");
const messageName = (type: EventType) => type.replace(".", "-");

/**
 * Recap's event contract as an AsyncAPI 3.0 document: one channel per SNS topic, one message per event type
 * (its payload the event's JSON Schema), the operations a user performs (send transcripts, receive
 * outcomes and pipeline events). Each message names the SNS message attribute `type`, which every event
 * carries and filter policies select on. Generated from the catalogue and the topology.
 */
export function asyncApiDocument(version: string): Record<string, unknown> {
  const schemas = eventJsonSchemas();
  const types = Object.keys(catalogue) as EventType[];
  const messages = Object.fromEntries(
    types.map((type) => {
      const definition = catalogue[type];
      const { $id: _id, ...payload } = schemas[type];
      return [
        messageName(type),
        {
          name: type,
          title: type,
          summary: definition.description,
          contentType: "application/json",
          description: `Produced by ${producersOf(type).join(", ") || "your producers"}; consumed by ${
            consumersOf(type).join(", ") || "your subscribers"
          }. Delivered as the SNS message body (raw delivery), with the message attribute \`type\` = \`${type}\`.`,
          payload,
        },
      ];
    }),
  );
  const channels = Object.fromEntries(
    (Object.keys(TOPICS) as TopicName[]).map((topic) => [
      topic,
      {
        address: topic,
        description: TOPICS[topic],
        messages: Object.fromEntries(
          types
            .filter((type) => catalogue[type].topic === topic)
            .map((type) => [
              messageName(type),
              { $ref: `#/components/messages/${pointer(messageName(type))}` },
            ]),
        ),
      },
    ]),
  );
  const operation = (action: "send" | "receive", topic: TopicName, summary: string) => ({
    action,
    channel: { $ref: `#/channels/${topic}` },
    summary,
  });
  return {
    asyncapi: "3.0.0",
    info: {
      title: "Recap events",
      version,
      description:
        "Call-transcript summaries at batch prices. Publish transcript.submitted to the Transcripts topic; subscribe a queue to the Summaries topic (filter on the message attributes) for outcomes.",
    },
    defaultContentType: "application/json",
    channels,
    operations: {
      publishTranscripts: operation("send", "Transcripts", "Publish calls to summarize."),
      receiveOutcomes: operation("receive", "Summaries", "Receive summaries, failures and rejections."),
      receivePipeline: operation("receive", "Pipeline", "Watch shards, jobs and reports."),
    },
    components: { messages },
  };
}
