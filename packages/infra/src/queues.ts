import {
  DEAD_LETTER_RETENTION_DAYS,
  deadLetterName,
  MAX_RECEIVE_COUNT,
  queueName,
  type ServiceName,
  serviceNames,
  subscriptionsOf,
  visibilityTimeoutSeconds,
} from "@recap/shared/topology";
import "./queue-policy.ts";
import { topics } from "./topics.ts";

const byService = <T>(build: (service: ServiceName) => T) =>
  Object.fromEntries(serviceNames.map((service) => [service, build(service)])) as Record<ServiceName, T>;

/**
 * Each service's dead-letter queue. The component is `<Service>DeadLettersQueue` because
 * `<Service>DeadLetters` is the property-only link in links.ts. It keeps messages for
 * DEAD_LETTER_RETENTION_DAYS so a failure found after a weekend can still be replayed.
 */
export const deadLetters = byService(
  (service) =>
    new sst.aws.Queue(`${deadLetterName(service)}Queue`, {
      transform: {
        queue: { messageRetentionSeconds: DEAD_LETTER_RETENTION_DAYS * 86_400, sqsManagedSseEnabled: true },
      },
    }),
);

/**
 * Each service's input queue. After MAX_RECEIVE_COUNT failed receives SQS moves a message to the
 * dead-letter queue; the visibility timeout follows AWS's six-times-the-function-timeout guidance.
 */
export const queues = byService(
  (service) =>
    new sst.aws.Queue(queueName(service), {
      visibilityTimeout: `${visibilityTimeoutSeconds(service)} seconds`,
      dlq: { queue: deadLetters[service].arn, retry: MAX_RECEIVE_COUNT },
      transform: { queue: { sqsManagedSseEnabled: true } },
    }),
);

/**
 * One filtered subscription per topic a service consumes from. Raw delivery puts the Recap envelope in
 * the SQS body as is and copies the `type` attribute across; SST has no option for it, hence transform.
 */
export const subscriptions = byService((service) =>
  subscriptionsOf(service).map((subscription) =>
    topics[subscription.topic].subscribeQueue(queueName(service), queues[service], {
      // No filter where the queue wants everything the topic carries (see subscriptionsOf).
      filter: subscription.filter && { type: [...subscription.filter.type] },
      transform: { subscription: { rawMessageDelivery: true } },
    }),
  ),
);
