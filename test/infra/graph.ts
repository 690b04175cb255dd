import type { LocalPlan, QueuePlan } from "@recap/local/plan";
import {
  type DynamoAction,
  deadLetterName,
  queueName,
  type ServiceName,
  type ServiceSpec,
  type Subscription,
  services,
  type TableSpec,
  type TopicName,
} from "@recap/shared";
import type { RuntimeBuildInput } from "./sst-evaluation/cli-rpc.ts";
import type { Registration } from "./sst-evaluation/mocks.ts";
import type { Evaluation } from "./sst-evaluation/registered-resources.ts";

/**
 * Readers over what sst.config.ts registered with Pulumi (SST's real components under mocks): AWS resources
 * by type and logical name, their final inputs, and the ARNs, names and URLs AWS would assign them.
 */

export const TYPES = {
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  function: "aws:lambda/function:Function",
  eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  bus: "aws:cloudwatch/eventBus:EventBus",
  table: "aws:dynamodb/table:Table",
  bucket: "aws:s3/bucket:Bucket",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketCors: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
  linkable: "sst:sst:Linkable",
  linkRef: "sst:sst:LinkRef",
} as const;

export type Args = Record<string, unknown>;

/** The custom resources (or components) of one type, in registration order. */
export const ofType = (evaluation: Evaluation, type: string): Registration[] =>
  evaluation.registrations.filter((registration) => registration.type === type);

export function one(evaluation: Evaluation, type: string, name: string): Registration {
  const found = ofType(evaluation, type).filter((registration) => registration.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} "${name}", found ${found.length}`);
  return found[0] as Registration;
}

export const arnOf = (resource: Registration) => resource.state.arn as string;
export const nameOf = (resource: Registration) => resource.state.name as string;
export const urlOf = (resource: Registration) => resource.state.url as string;

/** The resource of `type` that AWS would give this ARN. */
export function byArn(evaluation: Evaluation, type: string, arn: string): Registration {
  const found = ofType(evaluation, type).filter((resource) => arnOf(resource) === arn);
  if (found.length !== 1) throw new Error(`expected one ${type} with ARN ${arn}, found ${found.length}`);
  return found[0] as Registration;
}

// SST names each AWS resource after its component: `<Component><Child>`.
export const queueOf = (e: Evaluation, service: ServiceName) =>
  one(e, TYPES.queue, `${queueName(service)}Queue`);
export const deadLettersOf = (e: Evaluation, service: ServiceName) =>
  one(e, TYPES.queue, `${deadLetterName(service)}QueueQueue`);
export const topicOf = (e: Evaluation, topic: TopicName) => one(e, TYPES.topic, `${topic}TopicTopic`);
export const bucketOf = (e: Evaluation) => one(e, TYPES.bucket, "StoreBucketBucket");
export const tableOf = (e: Evaluation, name: string) => one(e, TYPES.table, `${name}DynamoTable`);
export const batchRoleOf = (e: Evaluation) => one(e, TYPES.role, "BatchInferenceRole");

/** The properties a link carries, as SST records them (its LinkRef) and hands the function's build. */
export const linkPropertiesOf = (e: Evaluation, link: string) =>
  (one(e, TYPES.linkRef, `${link}LinkRef`).inputs.properties ?? {}) as Args;

/** The link whose property `key` has this value (e.g. the link carrying a topic's ARN). */
export function linkWith(e: Evaluation, key: string, value: string): string {
  const names = ofType(e, TYPES.linkable)
    .map((linkable) => linkable.name)
    .filter((name) => linkPropertiesOf(e, name)[key] === value);
  if (names.length !== 1) throw new Error(`expected one link with ${key} ${value}, found ${names.length}`);
  return names[0] as string;
}

export interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: "*" | { Service?: string | string[]; AWS?: string | string[] };
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

/** Does some queue policy on the queue with this URL let `service` (e.g. sns.amazonaws.com) send from `sourceArn`? */
export function queueAdmits(e: Evaluation, queue: Registration, service: string, sourceArn: string): boolean {
  return ofType(e, TYPES.queuePolicy)
    .filter((policy) => policy.inputs.queueUrl === urlOf(queue))
    .some((policy) =>
      statementsOf(policy.inputs.policy).some(
        (statement) =>
          statement.Effect === "Allow" &&
          list(statement.Action).includes("sqs:SendMessage") &&
          list(statement.Resource).includes(arnOf(queue)) &&
          typeof statement.Principal === "object" &&
          list(statement.Principal.Service).includes(service) &&
          Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
            Object.entries(keys).every(([key, values]) => {
              if (key !== "aws:SourceArn" || operator !== "ArnLike") return false;
              return list(values).some((pattern) => globMatches(pattern, sourceArn));
            }),
          ),
      ),
    );
}

/** The Lambda function that runs a service's handler: exactly one. */
export function functionOf(e: Evaluation, service: ServiceName): Registration {
  const found = ofType(e, TYPES.function).filter((fn) => fn.inputs.handler === services[service].handler);
  if (found.length !== 1) throw new Error(`${service} has ${found.length} functions`);
  return found[0] as Registration;
}

/** The service whose handler a function runs. */
export function serviceOfFunction(fn: Registration): ServiceName {
  const match = /^services\/([^/]+)\//.exec(fn.inputs.handler as string);
  if (!match?.[1]) throw new Error(`unexpected handler path ${String(fn.inputs.handler)}`);
  return match[1] as ServiceName;
}

/** The role a function runs as. */
export const roleOf = (e: Evaluation, fn: Registration) => byArn(e, TYPES.role, fn.inputs.role as string);

/** A role's one inline policy (SST writes every permission of a function into one, named "inline"). */
export function inlineStatementsOf(role: Registration): Statement[] {
  const policies = (role.inputs.inlinePolicies ?? []) as { name: string; policy: string }[];
  if (policies.length !== 1) throw new Error(`${role.name} has ${policies.length} inline policies`);
  return statementsOf(policies[0]?.policy);
}

/** What SST's build of a function was handed: its handler and each link's properties. */
export function buildOf(e: Evaluation, fn: Registration): RuntimeBuildInput {
  const builds = e.cliCalls
    .filter((call) => call.method === "Runtime.Build")
    .map((call) => call.args as RuntimeBuildInput)
    .filter((build) => `${build.functionID}Function` === fn.name);
  if (builds.length !== 1) throw new Error(`${fn.name} was built ${builds.length} times`);
  return builds[0] as RuntimeBuildInput;
}

export interface EventSourceMappingArgs {
  eventSourceArn: string;
  functionName: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  functionResponseTypes: string[];
  scalingConfig?: { maximumConcurrency?: number };
}

/** The event source mapping that feeds the function subscribed to the queue with this ARN. */
export function eventSourceMappingOf(e: Evaluation, queueArn: string): EventSourceMappingArgs {
  const mappings = ofType(e, TYPES.eventSourceMapping)
    .map((mapping) => mapping.inputs as unknown as EventSourceMappingArgs)
    .filter((mapping) => mapping.eventSourceArn === queueArn);
  if (mappings.length !== 1) throw new Error(`${queueArn} has ${mappings.length} event source mappings`);
  return mappings[0] as EventSourceMappingArgs;
}

/** The rules whose targets deliver to this queue. */
export function rulesTargeting(e: Evaluation, queue: Registration): Registration[] {
  return ofType(e, TYPES.target)
    .filter((target) => target.inputs.arn === arnOf(queue))
    .map((target) => {
      const rules = ofType(e, TYPES.rule).filter((rule) => nameOf(rule) === target.inputs.rule);
      if (rules.length !== 1) throw new Error(`target ${target.name} names ${rules.length} rules`);
      return rules[0] as Registration;
    });
}

/**
 * What the AWS graph amounts to, in the shape of the local stack's `localPlan()`. Everything is read back
 * from the registered resources (names from links, services from handlers, timings from the queue, event
 * source mapping, function and rule inputs, tables from their indexes and the grants on them), so the
 * comparison checks the infra, not the topology twice. The one exception is a tick's period, explained below.
 */
export function planFromGraph(e: Evaluation): LocalPlan {
  const functions = ofType(e, TYPES.function);
  const queues = ofType(e, TYPES.eventSourceMapping).map((registration): QueuePlan => {
    const mapping = registration.inputs as unknown as EventSourceMappingArgs;
    const queue = byArn(e, TYPES.queue, mapping.eventSourceArn);
    const fn = byArn(e, TYPES.function, mapping.functionName);
    const service = serviceOfFunction(fn);
    const redrive = JSON.parse(queue.inputs.redrivePolicy as string) as {
      deadLetterTargetArn: string;
      maxReceiveCount: number;
    };
    const deadLetters = byArn(e, TYPES.queue, redrive.deadLetterTargetArn);

    const subscriptions = ofType(e, TYPES.subscription)
      .map((subscription) => subscription.inputs)
      .filter((subscription) => subscription.endpoint === arnOf(queue))
      .map((subscription): Subscription => {
        const topic = linkWith(e, "arn", subscription.topic as string) as TopicName;
        return typeof subscription.filterPolicy === "string"
          ? { topic, filter: JSON.parse(subscription.filterPolicy) as Subscription["filter"] }
          : { topic };
      });

    const rules = rulesTargeting(e, queue).map((rule) => rule.inputs);
    const ticks = rules.some((rule) => typeof rule.scheduleExpression === "string");
    // A tick's period is not comparable across the two: an EventBridge schedule runs every N *minutes*
    // (a minute at the least), while the local interval is in seconds and short so tests run fast. So the
    // graph decides WHETHER a queue ticks, and the period is the topology's local one; the AWS rule's rate
    // is held against the topology's awsEveryMinutes in infra.test.ts. (A schedule on a queue whose
    // service has no tick yields NaN, which no local plan equals.)
    const localTick = (services[service] as ServiceSpec).tick?.localEverySeconds ?? Number.NaN;

    // Locally one number means both caps (see services.ts): they must agree to be one number.
    const reserved = fn.inputs.reservedConcurrentExecutions;
    const maximum = mapping.scalingConfig?.maximumConcurrency;
    if (reserved !== maximum)
      throw new Error(`${service}: reserved concurrency ${reserved} but event source maximum ${maximum}`);

    return {
      service,
      // SST names the SQS queue `<component>Queue`; the component is the queue's name in the topology.
      name: queue.name.replace(/Queue$/, ""),
      deadLetters: linkWith(e, "url", urlOf(deadLetters)),
      visibilityTimeoutSeconds: queue.inputs.visibilityTimeoutSeconds as number,
      maxReceiveCount: redrive.maxReceiveCount,
      deadLetterRetentionSeconds: deadLetters.inputs.messageRetentionSeconds as number,
      subscriptions,
      bedrockJobStateChanges: rules.some((rule) => typeof rule.eventPattern === "string"),
      ...(ticks ? { tickEverySeconds: localTick } : {}),
      concurrency: maximum as number,
      batchSize: mapping.batchSize,
      batchWindowSeconds: mapping.maximumBatchingWindowInSeconds,
      timeoutSeconds: fn.inputs.timeout as number,
    };
  });

  const grants = functions.flatMap((fn) => inlineStatementsOf(roleOf(e, fn)));
  const tables = ofType(e, TYPES.table).map((table): TableSpec => {
    const arn = arnOf(table);
    // Whatever any function may do on the table or its indexes (iam.test.ts checks it is one function).
    const onTable = (resource: string) => resource === arn || resource.startsWith(`${arn}/index/`);
    const actions = grants.flatMap((statement) =>
      list(statement.Resource).some(onTable) ? (list(statement.Action) as DynamoAction[]) : [],
    );
    const indexes = (table.inputs.globalSecondaryIndexes ?? []) as {
      name: string;
      hashKey: string;
      rangeKey: string;
    }[];
    return {
      name: linkWith(e, "name", nameOf(table)),
      indexes: Object.fromEntries(
        indexes.map(({ name, hashKey, rangeKey }) => [name, { hashKey, rangeKey }]),
      ),
      actions: [...new Set(actions)],
    };
  });

  return {
    topics: ofType(e, TYPES.topic).map((topic) => linkWith(e, "arn", arnOf(topic)) as TopicName),
    queues,
    tables,
  };
}
