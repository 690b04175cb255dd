import type { LocalPlan, QueuePlan } from "@recap/local/plan";
import type { ServiceName, Subscription, TopicName } from "@recap/shared";
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

/**
 * What the AWS graph amounts to, in the shape of the local stack's `localPlan()`. Everything is read
 * back from resources (names from links, services from handlers, timings from queue and rule args), so
 * the comparison checks the infra, not the topology twice.
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
    const fn = resolve(call.args[0]) as { handler: string };

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
    const schedule = targetedRules.find((rule) => typeof rule.scheduleExpression === "string");
    const minutes = /^rate\((\d+) minutes?\)$/.exec(String(schedule?.scheduleExpression))?.[1];

    return {
      service: serviceOfHandler(fn.handler),
      name: call.on,
      deadLetters: linkNameWith("url", urlOf(deadLetters.instance)),
      visibilityTimeoutSeconds: Number.parseInt(queueArgs.visibilityTimeout, 10),
      maxReceiveCount: queueArgs.dlq.retry,
      deadLetterRetentionSeconds: deadLetterArgs.transform.queue.messageRetentionSeconds,
      subscriptions,
      bedrockJobStateChanges: targetedRules.some((rule) => typeof rule.eventPattern === "string"),
      ...(minutes === undefined ? {} : { pollEveryMinutes: Number(minutes) }),
    };
  });

  return {
    topics: recording.ofType("sst.aws.SnsTopic").map((topic) => topicOfArn(arnOf(topic.instance))),
    queues,
  };
}
