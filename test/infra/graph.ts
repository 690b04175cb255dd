import type { LocalPlan, QueuePlan } from "@recap/local/plan";
import {
  type DynamoAction,
  type ServiceName,
  type ServiceSpec,
  type Subscription,
  services,
  type TableSpec,
  type TopicName,
} from "@recap/shared";
import { type Args, type Created, type Recording, resolve } from "./stand-in.ts";

/** Readers over a recording: resolved args, ARNs and names of what the infra built. */

export const argsOf = (created: Created) => resolve(created.args) as Args;
export const arnOf = (instance: object) => resolve(Reflect.get(instance, "arn")) as string;
export const nameOf = (instance: object) => resolve(Reflect.get(instance, "name")) as string;
export const urlOf = (instance: object) => resolve(Reflect.get(instance, "url")) as string;

export interface Statement {
  Effect?: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: { Service?: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
}

export const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export function statementsOf(policy: unknown): Statement[] {
  return (JSON.parse(policy as string) as { Statement: Statement[] }).Statement;
}

/** IAM's `*` and `?` wildcards, as ArnLike and StringLike match them. */
export function globMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(value);
}

/** Does the queue policy on `queueArn` let `service` (e.g. sns.amazonaws.com) send from `sourceArn`? */
export function queueAdmits(
  recording: Recording,
  queueArn: string,
  service: string,
  sourceArn: string,
): boolean {
  return recording.ofType("aws.sqs.QueuePolicy").some((policy) =>
    statementsOf(argsOf(policy).policy).some(
      (statement) =>
        statement.Effect === "Allow" &&
        list(statement.Action).includes("sqs:SendMessage") &&
        list(statement.Resource).includes(queueArn) &&
        list(statement.Principal?.Service).includes(service) &&
        Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
          Object.entries(keys).every(([key, values]) => {
            if (key !== "aws:SourceArn" || operator !== "ArnLike") return false;
            return list(values).some((pattern) => globMatches(pattern, sourceArn));
          }),
        ),
    ),
  );
}

/** The handler path names its service: `services/<service>/src/handler.handler`. */
function serviceOfHandler(handler: string): ServiceName {
  const match = /^services\/([^/]+)\//.exec(handler);
  if (!match?.[1]) throw new Error(`unexpected handler path ${handler}`);
  return match[1] as ServiceName;
}

/** The function SST's queue subscriber gets, as the infra passed it. */
export interface SubscriberFunction {
  handler: string;
  timeout: string;
  concurrency?: { reserved?: number };
  permissions: { actions: string[]; resources: string[] }[];
}

export interface EventSourceMappingArgs {
  eventSourceArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  functionResponseTypes: string[];
  scalingConfig?: { maximumConcurrency?: number };
}

/** The event source mapping that feeds the function subscribed to the queue with this ARN. */
export function eventSourceMappingOf(recording: Recording, queueArn: string): EventSourceMappingArgs {
  const mappings = recording
    .ofType("aws.lambda.EventSourceMapping")
    .map((mapping) => argsOf(mapping) as unknown as EventSourceMappingArgs)
    .filter((mapping) => mapping.eventSourceArn === queueArn);
  if (mappings.length !== 1) throw new Error(`${queueArn} has ${mappings.length} event source mappings`);
  return mappings[0] as EventSourceMappingArgs;
}

/**
 * What the AWS graph amounts to, in the shape of the local stack's `localPlan()`. Everything is read
 * back from resources (names from links, services from handlers, timings from queue, event source and
 * rule args, tables from the Dynamo components and the grants on them), so the comparison checks the
 * infra, not the topology twice. The one exception is a tick's period, explained below.
 */
export function planFromGraph(recording: Recording): LocalPlan {
  const linkNameWith = (key: string, value: string) => {
    const link = recording
      .ofType("sst.Linkable")
      .find((linkable) => resolve((linkable.args.properties as Args)[key]) === value);
    if (!link) throw new Error(`no link exposes ${key} ${value}`);
    return link.name;
  };
  const topicOfArn = (arn: string) => linkNameWith("arn", arn) as TopicName;
  const rules = new Map(
    recording.ofType("aws.cloudwatch.EventRule").map((rule) => [nameOf(rule.instance), rule]),
  );
  const functions = recording
    .callsOf("sst.aws.Queue", "subscribe")
    .map((call) => resolve(call.args[0]) as SubscriberFunction);

  const queues = recording.callsOf("sst.aws.Queue", "subscribe").map((call): QueuePlan => {
    const queue = recording.one("sst.aws.Queue", call.on);
    const queueArgs = argsOf(queue) as { visibilityTimeout: string; dlq: { queue: string; retry: number } };
    const deadLetters = recording
      .ofType("sst.aws.Queue")
      .find((candidate) => arnOf(candidate.instance) === queueArgs.dlq.queue);
    if (!deadLetters) throw new Error(`${call.on} has no dead-letter queue`);
    const deadLetterArgs = argsOf(deadLetters) as {
      transform: { queue: { messageRetentionSeconds: number } };
    };
    const fn = resolve(call.args[0]) as SubscriberFunction;
    const service = serviceOfHandler(fn.handler);
    const mapping = eventSourceMappingOf(recording, arnOf(queue.instance));

    const subscriptions = recording
      .ofType("aws.sns.TopicSubscription")
      .map(argsOf)
      .filter((subscription) => subscription.endpoint === arnOf(queue.instance))
      .map((subscription): Subscription => {
        const topic = topicOfArn(subscription.topic as string);
        return typeof subscription.filterPolicy === "string"
          ? { topic, filter: JSON.parse(subscription.filterPolicy) as Subscription["filter"] }
          : { topic };
      });

    const targetedRules = recording
      .ofType("aws.cloudwatch.EventTarget")
      .map(argsOf)
      .filter((target) => target.arn === arnOf(queue.instance))
      .map((target) => argsOf(rules.get(target.rule as string) as Created));
    const ticks = targetedRules.some((rule) => typeof rule.scheduleExpression === "string");
    // A tick's period is not comparable across the two: an EventBridge schedule runs every N *minutes*
    // (a minute at the least), while the local interval is in seconds and short so tests run fast. So the
    // graph decides WHETHER a queue ticks, and the period is the topology's local one; the AWS rule's rate
    // is held against the topology's awsEveryMinutes in infra.test.ts. (A schedule on a queue whose
    // service has no tick yields NaN, which no local plan equals.)
    const localTick = (services[service] as ServiceSpec).tick?.localEverySeconds ?? Number.NaN;

    // Locally one number means both caps (see services.ts): they must agree to be one number.
    const reserved = fn.concurrency?.reserved;
    const maximum = mapping.scalingConfig?.maximumConcurrency;
    if (reserved !== maximum)
      throw new Error(`${service}: reserved concurrency ${reserved} but event source maximum ${maximum}`);

    return {
      service,
      name: call.on,
      deadLetters: linkNameWith("url", urlOf(deadLetters.instance)),
      visibilityTimeoutSeconds: Number.parseInt(queueArgs.visibilityTimeout, 10),
      maxReceiveCount: queueArgs.dlq.retry,
      deadLetterRetentionSeconds: deadLetterArgs.transform.queue.messageRetentionSeconds,
      subscriptions,
      bedrockJobStateChanges: targetedRules.some((rule) => typeof rule.eventPattern === "string"),
      ...(ticks ? { tickEverySeconds: localTick } : {}),
      concurrency: maximum as number,
      batchSize: mapping.batchSize,
      batchWindowSeconds: mapping.maximumBatchingWindowInSeconds,
      timeoutSeconds: Number.parseInt(fn.timeout, 10),
    };
  });

  const tables = recording.ofType("sst.aws.Dynamo").map((dynamo): TableSpec => {
    const args = argsOf(dynamo) as { globalIndexes?: Record<string, { hashKey: string; rangeKey: string }> };
    const arn = arnOf(dynamo.instance);
    // Whatever any function may do on the table or its indexes (iam.test.ts checks it is one function).
    const onTable = (resource: string) => resource === arn || resource.startsWith(`${arn}/index/`);
    const actions = functions.flatMap((fn) =>
      fn.permissions.flatMap((p) => (p.resources.some(onTable) ? (p.actions as DynamoAction[]) : [])),
    );
    return {
      name: linkNameWith("name", nameOf(dynamo.instance)),
      indexes: Object.fromEntries(
        Object.entries(args.globalIndexes ?? {}).map(([index, { hashKey, rangeKey }]) => [
          index,
          { hashKey, rangeKey },
        ]),
      ),
      actions: [...new Set(actions)],
    };
  });

  return {
    topics: recording.ofType("sst.aws.SnsTopic").map((topic) => topicOfArn(arnOf(topic.instance))),
    queues,
    tables,
  };
}
