import { BEDROCK_JOB_STATE_CHANGE_PATTERN } from "../../../shared/src/events/eventbridge.ts";
import { pascal, type ServiceSpec, serviceNames, services } from "../../../shared/src/topology.ts";
import { queues } from "./queues.ts";

const watchers = serviceNames.flatMap((service) => {
  const spec: ServiceSpec = services[service];
  return spec.eventBridge ? [{ service, ...spec.eventBridge }] : [];
});

/** Bedrock publishes job state changes on the account's default bus; it is referenced, never created. */
const defaultBus = watchers.some((w) => w.bedrockJobStateChanges)
  ? sst.aws.Bus.get("DefaultBus", "default")
  : undefined;

const every = (minutes: number) => `rate(${minutes} ${minutes === 1 ? "minute" : "minutes"})`;

/**
 * For each service with EventBridge sources: Bedrock's state changes and a safety-net schedule, both
 * delivered to the service's own queue, so the handler sees one stream with one retry and DLQ story.
 */
export const eventSources = Object.fromEntries(
  watchers.map(({ service, bedrockJobStateChanges, pollEveryMinutes }) => {
    const name = pascal(service);
    const queue = queues[service];
    // SST writes the same policy for its bus subscription; declaring it here too means the schedule
    // below never depends on a bus subscription existing.
    const policy = sst.aws.Queue.createPolicy(`${name}EventsPolicy`, queue.arn);
    const jobStateChanges =
      bedrockJobStateChanges && defaultBus
        ? defaultBus.subscribeQueue(`${name}JobStateChanges`, queue, {
            pattern: {
              source: [...BEDROCK_JOB_STATE_CHANGE_PATTERN.source],
              detailType: [...BEDROCK_JOB_STATE_CHANGE_PATTERN.detailType],
            },
          })
        : undefined;
    const pollRule = new aws.cloudwatch.EventRule(`${name}Poll`, {
      description: `Wakes ${service} every ${pollEveryMinutes} min in case a job state event was lost`,
      scheduleExpression: every(pollEveryMinutes),
    });
    const pollTarget = new aws.cloudwatch.EventTarget(`${name}PollTarget`, {
      rule: pollRule.name,
      arn: queue.arn,
    });
    return [service, { policy, jobStateChanges, pollRule, pollTarget }];
  }),
);
