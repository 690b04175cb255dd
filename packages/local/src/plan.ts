import {
  DEAD_LETTER_RETENTION_DAYS,
  deadLetterName,
  MAX_RECEIVE_COUNT,
  queueName,
  type ServiceName,
  type ServiceSpec,
  type Subscription,
  serviceNames,
  services,
  subscriptionsOf,
  type TableSpec,
  type TopicName,
  tablesOf,
  topics,
  visibilityTimeoutSeconds,
} from "@recap/shared";

export interface QueuePlan {
  service: ServiceName;
  name: string;
  deadLetters: string;
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
  deadLetterRetentionSeconds: number;
  subscriptions: Subscription[];
  /** Bedrock's job state changes are routed to this queue (EventBridge's rule on AWS). */
  bedrockJobStateChanges: boolean;
  /** The service's tick: a "Scheduled Event" into this queue every so many seconds (a rule on AWS). */
  tickEverySeconds?: number;
  /** Pollers at once: Lambda's reserved concurrency and event-source maximum on AWS. */
  concurrency: number;
  batchSize: number;
  batchWindowSeconds: number;
  timeoutSeconds: number;
}

export interface LocalPlan {
  topics: TopicName[];
  queues: QueuePlan[];
  tables: TableSpec[];
}

export interface PlanOverrides {
  visibilityTimeoutSeconds?: number;
  /** Every tick at this interval instead of the topology's local one. */
  tickEverySeconds?: number;
  /** Pollers per service instead of the topology's concurrency (the tests run 3). */
  concurrency?: number;
}

/**
 * What the local stack provisions, derived from the topology exactly as `sst.config.ts` is. Pure, so a
 * test can hold it against the AWS resource graph. Timing may be overridden for tests; structure may not.
 */
export function localPlan(overrides: PlanOverrides = {}): LocalPlan {
  return {
    topics: Object.keys(topics) as TopicName[],
    tables: tablesOf().map(({ table }) => table),
    queues: serviceNames.map((service) => {
      const spec: ServiceSpec = services[service];
      return {
        service,
        name: queueName(service),
        deadLetters: deadLetterName(service),
        visibilityTimeoutSeconds: overrides.visibilityTimeoutSeconds ?? visibilityTimeoutSeconds(service),
        maxReceiveCount: MAX_RECEIVE_COUNT,
        deadLetterRetentionSeconds: DEAD_LETTER_RETENTION_DAYS * 86_400,
        subscriptions: subscriptionsOf(service),
        bedrockJobStateChanges: spec.eventBridge?.bedrockJobStateChanges ?? false,
        ...(spec.tick ? { tickEverySeconds: overrides.tickEverySeconds ?? spec.tick.localEverySeconds } : {}),
        concurrency: overrides.concurrency ?? spec.concurrency,
        batchSize: spec.batchSize,
        batchWindowSeconds: spec.batchWindowSeconds,
        timeoutSeconds: spec.timeoutSeconds,
      };
    }),
  };
}
