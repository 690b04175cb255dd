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
  type TopicName,
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
  /** EventBridge sources routed to this queue: Bedrock state changes and the safety-net poll. */
  bedrockJobStateChanges: boolean;
  pollEveryMinutes?: number;
}

export interface LocalPlan {
  topics: TopicName[];
  queues: QueuePlan[];
}

/**
 * What the local stack provisions, derived from the topology exactly as `sst.config.ts` is. Pure, so a
 * test can hold it against the AWS resource graph. Timing may be overridden for tests; structure may not.
 */
export function localPlan(overrides: { visibilityTimeoutSeconds?: number } = {}): LocalPlan {
  return {
    topics: Object.keys(topics) as TopicName[],
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
        ...(spec.eventBridge ? { pollEveryMinutes: spec.eventBridge.pollEveryMinutes } : {}),
      };
    }),
  };
}
