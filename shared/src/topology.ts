import { catalogue, type EventType } from "./catalogue.ts";
import type { TopicName } from "./envelope.ts";

/**
 * The one description of Recap's wiring. `sst.config.ts` builds AWS resources from it and the local stack
 * provisions the emulators from it, so the two cannot drift. Names here are SST link names: code reaches
 * each resource as `Resource.<Name>`.
 */

export const STORE = "Store" as const;
export const BATCH_ROLE = "BatchRole" as const;

export const topics = {
  Transcripts: "Inbound: producers publish transcript.submitted here.",
  Pipeline: "Internal: stage-to-stage events.",
  Summaries: "Outbound: every transcript ends here as summary.ready, summary.failed or transcript.rejected.",
} as const satisfies Record<TopicName, string>;

/** Object prefixes in the Store bucket. Intermediate ones expire; outcomes are kept. */
export const prefixes = {
  "raw/": { holds: "transcripts producers upload to be referenced by s3:// URI", expireAfterDays: undefined },
  "normalized/": { holds: "canonical transcripts", expireAfterDays: 30 },
  "rejected/": { holds: "rejected inputs exactly as received", expireAfterDays: undefined },
  "shards/": { holds: "JSONL batch inputs and recordId maps", expireAfterDays: 30 },
  "outputs/": { holds: "Bedrock batch outputs and manifests", expireAfterDays: 30 },
  "summaries/": { holds: "validated summaries", expireAfterDays: undefined },
} as const;
export type Prefix = keyof typeof prefixes;

export type BedrockAction =
  | "bedrock:CreateModelInvocationJob"
  | "bedrock:GetModelInvocationJob"
  | "bedrock:ListModelInvocationJobs"
  | "bedrock:StopModelInvocationJob"
  | "bedrock:InvokeModel";

export interface ServiceSpec {
  readonly description: string;
  /** SST handler path, relative to the repository root. The local worker imports the same export. */
  readonly handler: string;
  /** Event types taken from SNS topics; each becomes a filtered subscription of the service's queue. */
  readonly consumes: readonly EventType[];
  /** EventBridge sources: Bedrock's job state changes and a safety-net schedule. */
  readonly eventBridge?: { readonly bedrockJobStateChanges: boolean; readonly pollEveryMinutes: number };
  readonly publishes: readonly EventType[];
  readonly store: { readonly read: readonly Prefix[]; readonly write: readonly Prefix[] };
  readonly bedrock: readonly BedrockAction[];
  /** Only the job submitter hands Bedrock the batch service role. */
  readonly passesBatchRole: boolean;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly batchSize: number;
}

export const services = {
  "ingest-normalizer": {
    description: "Fetches, parses, validates and stores each submitted transcript in canonical form.",
    handler: "services/ingest-normalizer/src/handler.handler",
    consumes: ["transcript.submitted"],
    publishes: ["transcript.normalized", "transcript.rejected"],
    // Reads its own outputs back only to see whether they were already announced (idempotency).
    store: { read: ["raw/", "normalized/", "rejected/"], write: ["normalized/", "rejected/"] },
    bedrock: [],
    passesBatchRole: false,
    timeoutSeconds: 60,
    memoryMb: 512,
    batchSize: 10,
  },
  "shard-builder": {
    description: "Packs normalized transcripts into JSONL shards that respect every batch quota.",
    handler: "services/shard-builder/src/handler.handler",
    consumes: ["transcript.normalized"],
    publishes: ["shard.sealed"],
    store: { read: ["normalized/"], write: ["shards/"] },
    bedrock: [],
    passesBatchRole: false,
    timeoutSeconds: 120,
    memoryMb: 1024,
    batchSize: 10,
  },
  "job-submitter": {
    description: "Keeps every model's job slots full with idempotent CreateModelInvocationJob calls.",
    handler: "services/job-submitter/src/handler.handler",
    consumes: ["shard.sealed", "job.finished"],
    publishes: ["job.submitted"],
    store: { read: [], write: [] },
    bedrock: ["bedrock:CreateModelInvocationJob", "bedrock:ListModelInvocationJobs"],
    passesBatchRole: true,
    timeoutSeconds: 60,
    memoryMb: 256,
    batchSize: 10,
  },
  "status-watcher": {
    description: "Follows each job to a terminal status: Bedrock's events first, polling as a safety net.",
    handler: "services/status-watcher/src/handler.handler",
    consumes: ["job.submitted"],
    eventBridge: { bedrockJobStateChanges: true, pollEveryMinutes: 5 },
    publishes: ["job.finished"],
    store: { read: [], write: [] },
    bedrock: ["bedrock:GetModelInvocationJob", "bedrock:ListModelInvocationJobs"],
    passesBatchRole: false,
    timeoutSeconds: 60,
    memoryMb: 256,
    batchSize: 10,
  },
  "result-publisher": {
    description: "Streams job output, joins it by recordId, validates and stores each summary.",
    handler: "services/result-publisher/src/handler.handler",
    consumes: ["job.finished"],
    publishes: ["summary.ready", "summary.failed"],
    store: { read: ["normalized/", "shards/", "outputs/"], write: ["summaries/"] },
    bedrock: [],
    passesBatchRole: false,
    timeoutSeconds: 300,
    memoryMb: 1024,
    batchSize: 1,
  },
} as const satisfies Record<string, ServiceSpec>;

export type ServiceName = keyof typeof services;
export const serviceNames = Object.keys(services) as ServiceName[];

/** Lambda retries a message this many times before SQS moves it to the service's dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;
export const DEAD_LETTER_RETENTION_DAYS = 14;

/** PascalCase of a service name: `ingest-normalizer` → `IngestNormalizer`. */
export function pascal(name: ServiceName): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

export function queueName(service: ServiceName): string {
  return `${pascal(service)}Queue`;
}

export function deadLetterName(service: ServiceName): string {
  return `${pascal(service)}DeadLetters`;
}

/** AWS guidance: a queue's visibility timeout should be six times its consumer's timeout. */
export function visibilityTimeoutSeconds(service: ServiceName): number {
  return services[service].timeoutSeconds * 6;
}

export interface Subscription {
  readonly topic: TopicName;
  /** SNS filter policy on the `type` message attribute; absent when the queue wants all the topic carries. */
  readonly filter?: { readonly type: readonly EventType[] };
}

export function eventTypesOn(topic: TopicName): EventType[] {
  return (Object.keys(catalogue) as EventType[]).filter((type) => catalogue[type].topic === topic);
}

/**
 * One subscription per topic a service consumes from, filtered on `type` only where the topic carries
 * types the service does not want. The inbound topic is unfiltered on purpose: a producer that forgets the
 * `type` attribute would otherwise have its transcript dropped by SNS without a trace; unfiltered, it reaches
 * ingest-normalizer and is either accepted or kept and rejected with a reason.
 */
export function subscriptionsOf(service: ServiceName): Subscription[] {
  const byTopic = new Map<TopicName, EventType[]>();
  for (const type of services[service].consumes) {
    const topic = catalogue[type].topic;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), type]);
  }
  return [...byTopic].map(([topic, types]) =>
    eventTypesOn(topic).every((type) => types.includes(type))
      ? { topic }
      : { topic, filter: { type: types } },
  );
}

export function topicsPublishedBy(service: ServiceName): TopicName[] {
  return [...new Set(services[service].publishes.map((type) => catalogue[type].topic))];
}

/** The SST link names a service's code may read, and nothing more. */
export function linksOf(service: ServiceName): string[] {
  const spec: ServiceSpec = services[service];
  const touchesStore = spec.store.read.length + spec.store.write.length > 0;
  return [
    ...(touchesStore ? [STORE] : []),
    ...topicsPublishedBy(service),
    deadLetterName(service),
    ...(spec.passesBatchRole ? [BATCH_ROLE] : []),
  ];
}

/** Who consumes an event type: used for the event catalogue. */
export function consumersOf(type: EventType): ServiceName[] {
  return serviceNames.filter((name) => (services[name].consumes as readonly EventType[]).includes(type));
}

export function producersOf(type: EventType): string[] {
  const producers: string[] = serviceNames.filter((name) =>
    (services[name].publishes as readonly EventType[]).includes(type),
  );
  return producers.length > 0 ? producers : ["your producers"];
}
