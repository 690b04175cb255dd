import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * The one envelope every Recap event travels in. `data` is typed per event by {@link defineEvent}.
 * `correlationId` is the transcript id for transcript events and the shard id for shard and job events,
 * so one id follows a call through the whole pipeline.
 */
export const envelopeSchema = z.object({
  id: z.string().min(1).max(128).describe("Event id. Derived from the content, so a replay repeats it."),
  type: z.string().min(1).describe("Event type, e.g. transcript.normalized"),
  version: z.number().int().positive().describe("Schema version of `data` for this type"),
  time: z.iso.datetime({ offset: true }).describe("When the producer emitted the event (ISO 8601)"),
  producer: z.string().min(1).describe("The service (or client) that emitted the event"),
  correlationId: z.string().min(1).max(256).describe("Transcript id or shard id this event is about"),
  data: z.unknown(),
});

export type Envelope = z.infer<typeof envelopeSchema>;

/** Where an event is published. Topics are declared in the topology. */
export type TopicName = "Transcripts" | "Pipeline" | "Summaries";

/** SNS message attributes: string values only, so subscribers can filter on them. */
export type EventAttributes = Record<string, string>;

export interface EventDefinition<Type extends string = string, Data extends z.ZodType = z.ZodType> {
  readonly type: Type;
  readonly version: number;
  readonly topic: TopicName;
  readonly description: string;
  readonly data: Data;
  readonly schema: z.ZodType<Omit<Envelope, "type" | "data"> & { type: Type; data: z.output<Data> }>;
  /** Filterable metadata copied into SNS message attributes (besides `type`, which is always set). */
  readonly attributes: (data: z.output<Data>) => EventAttributes;
}

/**
 * Declares an event once; producers and consumers import the same definition.
 *
 * @example
 * const shardSealed = defineEvent({
 *   type: "shard.sealed", version: 1, topic: "Pipeline",
 *   description: "A JSONL shard is complete and ready for a batch job",
 *   data: z.object({ shardId: z.string() }),
 * });
 */
export function defineEvent<const Type extends string, Data extends z.ZodType>(spec: {
  type: Type;
  version: number;
  topic: TopicName;
  description: string;
  data: Data;
  attributes?: (data: z.output<Data>) => EventAttributes;
}): EventDefinition<Type, Data> {
  const schema = envelopeSchema.extend({
    type: z.literal(spec.type),
    version: z.literal(spec.version),
    data: spec.data,
  });
  return {
    ...spec,
    schema: schema as unknown as EventDefinition<Type, Data>["schema"],
    attributes: spec.attributes ?? (() => ({})),
  };
}

/** An event of a given definition, as consumers receive it. */
export type EventOf<D extends EventDefinition> = z.output<D["schema"]>;

/**
 * Builds a valid event. The id is a hash of type, correlation id and data, so handling the same input twice
 * emits the same event id, and consumers can drop the repeat.
 */
export function createEvent<D extends EventDefinition>(
  definition: D,
  fields: { producer: string; correlationId: string; data: z.input<D["data"]>; time?: Date },
): EventOf<D> {
  const id = createHash("sha256")
    .update(`${definition.type}\n${fields.correlationId}\n${stableStringify(fields.data)}`)
    .digest("hex")
    .slice(0, 32);
  return definition.schema.parse({
    id,
    type: definition.type,
    version: definition.version,
    time: (fields.time ?? new Date()).toISOString(),
    producer: fields.producer,
    correlationId: fields.correlationId,
    data: fields.data,
  }) as EventOf<D>;
}

/** JSON with object keys sorted, so equal values hash equally whatever the key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
