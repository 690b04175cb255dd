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
export const topicNames = Object.keys(topics) as TopicName[];

/** Object prefixes in the Store bucket. Intermediate ones expire; outcomes are kept. */
export const prefixes = {
  "raw/": { holds: "transcripts producers upload to be referenced by s3:// URI", expireAfterDays: undefined },
  "normalized/": { holds: "canonical transcripts", expireAfterDays: 30 },
  "rejected/": { holds: "rejected inputs exactly as received", expireAfterDays: undefined },
  "shards/": { holds: "JSONL batch inputs and recordId maps", expireAfterDays: 30 },
  "outputs/": { holds: "Bedrock batch outputs and manifests", expireAfterDays: 30 },
  "summaries/": { holds: "validated summaries", expireAfterDays: undefined },
  "reports/": { holds: "each harvested job's report: outcomes, tokens, cost", expireAfterDays: undefined },
} as const;
export type Prefix = keyof typeof prefixes;

export type BedrockAction =
  | "bedrock:CreateModelInvocationJob"
  | "bedrock:GetModelInvocationJob"
  | "bedrock:ListModelInvocationJobs"
  | "bedrock:StopModelInvocationJob"
  | "bedrock:InvokeModel";

export type DynamoAction =
  | "dynamodb:GetItem"
  | "dynamodb:BatchGetItem"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:Query";

/**
 * A service's own DynamoDB table: string keys only, a `pk` hash key, and sparse global indexes (an item is
 * in an index only while it carries the index's key attributes). No other service reads it.
 */
export interface TableSpec {
  /** The SST link name, and the local table's name. */
  readonly name: string;
  readonly indexes: Readonly<Record<string, { readonly hashKey: string; readonly rangeKey: string }>>;
  readonly actions: readonly DynamoAction[];
}
export const TABLE_HASH_KEY = "pk" as const;

export interface ServiceSpec {
  readonly description: string;
  /** SST handler path, relative to the repository root. The local worker imports the same export. */
  readonly handler: string;
  /** Event types taken from SNS topics; each becomes a filtered subscription of the service's queue. */
  readonly consumes: readonly EventType[];
  /** Bedrock's job state changes, from EventBridge, into this service's queue. */
  readonly eventBridge?: { readonly bedrockJobStateChanges: boolean };
  /**
   * A scheduled "Scheduled Event" into the service's queue: sealing by time, refilling slots, polling jobs.
   * On AWS an EventBridge rule (a minute at the least); locally an interval, which tests can shorten.
   */
  readonly tick?: { readonly awsEveryMinutes: number; readonly localEverySeconds: number };
  readonly publishes: readonly EventType[];
  readonly store: {
    readonly read: readonly Prefix[];
    readonly write: readonly Prefix[];
    /** Where it writes in multipart uploads and aborts a failed one (`s3:AbortMultipartUpload`). */
    readonly abortsUploads?: readonly Prefix[];
    /** Where it lists keys it cannot derive (`s3:ListBucket`, limited to these prefixes). */
    readonly lists?: readonly Prefix[];
  };
  readonly table?: TableSpec;
  readonly bedrock: readonly BedrockAction[];
  /** Reads the account's batch quotas (`servicequotas:ListServiceQuotas`). */
  readonly readsQuotas: boolean;
  /** Only the job submitter hands Bedrock the batch service role. */
  readonly passesBatchRole: boolean;
  /**
   * Sends poison straight to its own dead-letter queue (`parkInDeadLetters`, so `sqs:SendMessage` on it).
   * ingest-normalizer does not: an unreadable submission is rejected, kept and announced instead.
   */
  readonly parksPoison: boolean;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Process environment of the function's runtime (Node's and glibc's own settings), on Lambda and locally. */
  readonly runtimeEnvironment?: Readonly<Record<string, string>>;
  /** Instances at once: reserved concurrency and the event source's maximum on AWS, pollers locally. */
  readonly concurrency: number;
  readonly batchSize: number;
  /** How long the event source gathers records before invoking with fewer than batchSize (0–300 s). */
  readonly batchWindowSeconds: number;
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
    readsQuotas: false,
    passesBatchRole: false,
    parksPoison: false,
    timeoutSeconds: 60,
    memoryMb: 512,
    concurrency: 4,
    batchSize: 10,
    batchWindowSeconds: 0,
  },
  "shard-builder": {
    description: "Packs normalized transcripts into JSONL shards that respect every batch quota.",
    handler: "services/shard-builder/src/handler.handler",
    // A retried record comes back as record.retrying, with its next attempt.
    consumes: ["transcript.normalized", "record.retrying"],
    // Seals shards by time (maxWait, deadlines) even when no transcript arrives.
    tick: { awsEveryMinutes: 1, localEverySeconds: 1 },
    publishes: ["shard.sealed"],
    // Reads transcripts and its own record lines; writes record lines, shards and record maps.
    // Record lines and shards go up in multipart uploads; a failed one is aborted so no parts linger.
    store: { read: ["normalized/", "shards/"], write: ["shards/"], abortsUploads: ["shards/"] },
    table: {
      name: "ShardBuilderTable",
      indexes: {
        // Unclaimed members of each (model, profile) group, oldest first.
        pending: { hashKey: "pendingGroup", rangeKey: "arrival" },
        // The unclaimed members that have a deadline, earliest first.
        deadlines: { hashKey: "deadlineGroup", rangeKey: "deadlineKey" },
      },
      actions: [
        "dynamodb:GetItem",
        // It re-reads a planned shard's members strongly consistent before sealing (indexes can lag).
        "dynamodb:BatchGetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:Query",
      ],
    },
    bedrock: [],
    readsQuotas: true,
    passesBatchRole: false,
    parksPoison: true,
    timeoutSeconds: 300,
    memoryMb: 1024,
    concurrency: 3,
    batchSize: 50,
    batchWindowSeconds: 1,
  },
  "job-submitter": {
    description: "Keeps every model's job slots full with idempotent CreateModelInvocationJob calls.",
    handler: "services/job-submitter/src/handler.handler",
    consumes: ["shard.sealed", "job.finished"],
    // The safety net: refills slots even if a job.finished was lost. Locally, until status-watcher announces
    // job ends, it is how a freed slot is noticed, so it ticks twice a second.
    tick: { awsEveryMinutes: 1, localEverySeconds: 0.5 },
    publishes: ["job.submitted", "job.finished", "shard.refused"],
    // On-demand runs read their shard and write Bedrock's batch output layout.
    store: { read: ["shards/"], write: ["outputs/"] },
    table: {
      name: "JobSubmitterTable",
      // Shards waiting for a slot (or for their job.submitted), per model, earliest deadline first.
      indexes: { open: { hashKey: "openModel", rangeKey: "openOrder" } },
      actions: [
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:Query",
      ],
    },
    // Get: a job just created but not yet listed is looked up, so a short job does not hold its slot.
    bedrock: [
      "bedrock:CreateModelInvocationJob",
      "bedrock:ListModelInvocationJobs",
      "bedrock:GetModelInvocationJob",
      "bedrock:InvokeModel",
    ],
    readsQuotas: true,
    passesBatchRole: true,
    parksPoison: true,
    timeoutSeconds: 300,
    memoryMb: 512,
    concurrency: 3,
    batchSize: 10,
    batchWindowSeconds: 0,
  },
  "status-watcher": {
    description: "Follows each job to a terminal status: Bedrock's events first, polling as a safety net.",
    handler: "services/status-watcher/src/handler.handler",
    consumes: ["job.submitted"],
    eventBridge: { bedrockJobStateChanges: true },
    // The safety net: polls every tracked job that is not terminal, and finds stuck ones.
    tick: { awsEveryMinutes: 5, localEverySeconds: 2 },
    publishes: ["job.progressed", "job.stuck", "job.finished"],
    store: { read: [], write: [] },
    table: {
      name: "StatusWatcherTable",
      // Tracked jobs that are not terminal yet, oldest submission first.
      indexes: { open: { hashKey: "openGroup", rangeKey: "openOrder" } },
      actions: [
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:Query",
      ],
    },
    // Stop: only used when the configuration asks for stuck jobs to be stopped.
    bedrock: ["bedrock:GetModelInvocationJob", "bedrock:StopModelInvocationJob"],
    readsQuotas: false,
    passesBatchRole: false,
    parksPoison: true,
    timeoutSeconds: 60,
    memoryMb: 256,
    concurrency: 2,
    batchSize: 10,
    batchWindowSeconds: 0,
  },
  "result-publisher": {
    description: "Streams job output, joins it by recordId, validates and stores each summary.",
    handler: "services/result-publisher/src/handler.handler",
    // harvest.chunk is its own: a big job's output is split into byte ranges that any instance can take.
    consumes: ["job.finished", "shard.refused", "harvest.chunk"],
    publishes: ["harvest.chunk", "summary.ready", "summary.failed", "record.retrying", "job.reported"],
    // Lists a finished job's output files: Bedrock names them after the job and the input file.
    store: {
      read: ["shards/", "outputs/", "summaries/", "reports/"],
      write: ["summaries/", "reports/"],
      lists: ["outputs/"],
    },
    table: {
      name: "ResultPublisherTable",
      indexes: {},
      actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
    },
    bedrock: [],
    readsQuotas: false,
    passesBatchRole: false,
    parksPoison: true,
    // Lambda's limit; a chunk takes a fraction of it, and a chunk cut short is resumed, not restarted.
    timeoutSeconds: 900,
    memoryMb: 512,
    // A chunk makes much short-lived garbage: a 4 MB young generation instead of V8's 32, an old generation
    // collected before it passes 96 MB (a chunk holds about 35 MB live), and one malloc arena instead of one
    // per thread take a 50,000-record harvest's peak RSS from 164 MB to 107, and its chunks run no slower
    // (services/result-publisher/bench/harvest.bench.ts).
    runtimeEnvironment: {
      NODE_OPTIONS: "--max-semi-space-size=4 --max-old-space-size=96",
      MALLOC_ARENA_MAX: "1",
    },
    concurrency: 3,
    batchSize: 1,
    batchWindowSeconds: 0,
  },
} as const satisfies Record<string, ServiceSpec>;

export type ServiceName = keyof typeof services;
export const serviceNames = Object.keys(services) as ServiceName[];

/**
 * Events no stage acts on: they are published for people and tools that watch the pipeline (`recap watch`,
 * `recap status`, dashboards), which subscribe their own queues to the Pipeline topic.
 */
export const observationEvents: readonly EventType[] = ["job.progressed", "job.stuck", "job.reported"];

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
    ...(spec.parksPoison ? [deadLetterName(service)] : []),
    ...(spec.table ? [spec.table.name] : []),
    ...(spec.passesBatchRole ? [BATCH_ROLE] : []),
  ];
}

/** Every service's own table, by service. */
export function tablesOf(): Array<{ service: ServiceName; table: TableSpec }> {
  return serviceNames.flatMap((service) => {
    const spec: ServiceSpec = services[service];
    return spec.table ? [{ service, table: spec.table }] : [];
  });
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

/** A stage name Bedrock would refuse inside a batch job's name or client token. */
export class UnusableStageNameError extends Error {
  override readonly name = "UnusableStageNameError";
}

/** A shard id's length (`b-` or `d-` and 20 hex digits, shard-builder's shardIdOf). */
const SHARD_ID_LENGTH = 22;
/** Bedrock's longest job name (ModelInvocationJobName in its service model). */
const MAX_JOB_NAME = 63;

/**
 * Every batch job Recap creates is named `recap-<stage>-<shardId>`: the status stage's EventBridge rule
 * matches this prefix, so jobs of other tools in the account are not followed. The name is also the job's
 * clientRequestToken, which Bedrock allows only letters, digits and dashes, so a stage with anything else, or
 * one so long the name passes 63 characters, is refused here, at deploy and start-up, rather than by every
 * CreateModelInvocationJob as a ValidationException that sends each shard's records the slow way.
 */
export function jobNamePrefix(stage: string): string {
  if (!/^[a-zA-Z0-9-]+$/.test(stage)) {
    throw new UnusableStageNameError(
      `The stage "${stage}" cannot name Bedrock batch jobs: use only letters, digits and dashes (the job name is also its client token, which allows nothing else).`,
    );
  }
  const prefix = `recap-${stage}-`;
  if (prefix.length + SHARD_ID_LENGTH > MAX_JOB_NAME) {
    throw new UnusableStageNameError(
      `The stage "${stage}" is too long to name Bedrock batch jobs: recap-<stage>-<shard id> would be ${prefix.length + SHARD_ID_LENGTH} characters, and Bedrock allows ${MAX_JOB_NAME}; use a stage of at most ${MAX_JOB_NAME - SHARD_ID_LENGTH - "recap--".length}.`,
    );
  }
  return prefix;
}
