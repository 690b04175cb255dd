import { BEDROCK_JOB_STATE_CHANGE_PATTERN } from "@recap/shared/events/eventbridge";
import {
  jobNamePrefix,
  pascal,
  type ServiceName,
  type ServiceSpec,
  serviceNames,
  services,
} from "@recap/shared/topology";
import { queues } from "./queues.ts";

const spec = (service: ServiceName): ServiceSpec => services[service];

/** Services that take anything from EventBridge: Bedrock's job state changes, a tick, or both. */
const eventDriven = serviceNames.filter((service) => spec(service).eventBridge || spec(service).tick);

/** Bedrock publishes job state changes on the account's default bus; it is referenced, never created. */
const defaultBus = serviceNames.some((service) => spec(service).eventBridge?.bedrockJobStateChanges)
  ? sst.aws.Bus.get("DefaultBus", "default")
  : undefined;

export const every = (minutes: number) => `rate(${minutes} ${minutes === 1 ? "minute" : "minutes"})`;

/**
 * Bedrock's state changes for this stage's jobs only: every job job-submitter creates is named
 * `jobNamePrefix(stage)…`, so jobs of other tools, or of other stages in the same account, are not followed.
 */
export const bedrockJobStateChangePattern = () => ({
  source: [...BEDROCK_JOB_STATE_CHANGE_PATTERN.source],
  detailType: [...BEDROCK_JOB_STATE_CHANGE_PATTERN.detailType],
  detail: { batchJobName: [{ prefix: jobNamePrefix($app.stage) }] },
});

/**
 * For each event-driven service: Bedrock's state changes (if it follows jobs) and its tick (if it has one),
 * both delivered to the service's own queue, so the handler sees one stream with one retry and DLQ story.
 * A tick is a "Scheduled Event" every `tick.awsEveryMinutes` (EventBridge's floor is one minute).
 */
export const eventSources = Object.fromEntries(
  eventDriven.map((service) => {
    const { eventBridge, tick } = spec(service);
    const name = pascal(service);
    const queue = queues[service];
    // SST writes the same policy for its bus and topic subscriptions; declaring it here too means the tick
    // never depends on another subscription existing. queue-policy.ts narrows it to this account's rules.
    const policy = sst.aws.Queue.createPolicy(`${name}EventsPolicy`, queue.arn);
    const jobStateChanges =
      eventBridge?.bedrockJobStateChanges && defaultBus
        ? defaultBus.subscribeQueue(`${name}JobStateChanges`, queue, {
            pattern: bedrockJobStateChangePattern(),
          })
        : undefined;
    const tickRule = tick
      ? new aws.cloudwatch.EventRule(`${name}Tick`, {
          description: `Wakes ${service} every ${tick.awsEveryMinutes} min (its tick)`,
          scheduleExpression: every(tick.awsEveryMinutes),
        })
      : undefined;
    const tickTarget = tickRule
      ? new aws.cloudwatch.EventTarget(`${name}TickTarget`, { rule: tickRule.name, arn: queue.arn })
      : undefined;
    return [service, { policy, jobStateChanges, tickRule, tickTarget }];
  }),
);
