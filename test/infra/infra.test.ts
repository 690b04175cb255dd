import { localPlan } from "@recap/local/plan";
import {
  BATCH_ROLE,
  BEDROCK_JOB_STATE_CHANGE_PATTERN,
  DEAD_LETTER_RETENTION_DAYS,
  deadLetterName,
  jobNamePrefix,
  linksOf,
  MAX_RECEIVE_COUNT,
  type Prefix,
  prefixes,
  queueName,
  type ServiceName,
  type ServiceSpec,
  STORE,
  serviceNames,
  services,
  subscriptionsOf,
  TABLE_HASH_KEY,
  type TopicName,
  tablesOf,
  topics,
  visibilityTimeoutSeconds,
} from "@recap/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  argsOf,
  arnOf,
  eventSourceMappingOf,
  globMatches,
  list,
  nameOf,
  planFromGraph,
  queueAdmits,
  statementsOf,
  urlOf,
} from "./graph.ts";
import { ACCOUNT, type Args, buildInfra, REGION, type Recording, resolve } from "./stand-in.ts";

type Built = Awaited<ReturnType<typeof buildInfra>>;
let built: Built;
let recording: Recording;

beforeAll(async () => {
  built = await buildInfra({ stage: "dev" });
  recording = built.recording;
});

const topicNames = Object.keys(topics) as TopicName[];
const spec = (service: ServiceName): ServiceSpec => services[service];

const queueOf = (service: ServiceName) => recording.one("sst.aws.Queue", queueName(service));
const deadLettersOf = (service: ServiceName) =>
  recording.one("sst.aws.Queue", `${deadLetterName(service)}Queue`);
const topicOf = (topic: TopicName) => recording.one("sst.aws.SnsTopic", `${topic}Topic`);
const bucket = () => recording.one("sst.aws.Bucket", "StoreBucket");
const tableOf = (name: string) => recording.one("sst.aws.Dynamo", `${name}Dynamo`);
const tableNames = tablesOf().map(({ table }) => table.name);
const batchRole = () => {
  const roles = recording.ofType("aws.iam.Role");
  expect(roles).toHaveLength(1);
  return roles[0] as NonNullable<(typeof roles)[0]>;
};

interface FunctionArgs {
  handler: string;
  runtime: string;
  timeout: string;
  memory: string;
  environment?: Record<string, string>;
  concurrency?: { reserved?: number; provisioned?: number };
  link: object[];
  permissions: { actions: string[]; resources: string[]; conditions?: Args[] }[];
}

function subscriberOf(service: ServiceName) {
  const calls = recording
    .callsOf("sst.aws.Queue", "subscribe")
    .filter((call) => call.on === queueName(service));
  expect(calls, `${service} has exactly one consumer`).toHaveLength(1);
  const [fn, subscriberArgs] = (calls[0] as NonNullable<(typeof calls)[0]>).args;
  return {
    fn: fn as FunctionArgs,
    resolved: resolve(fn) as FunctionArgs,
    subscriberArgs: resolve(subscriberArgs) as Args,
  };
}

const jobArns = `arn:aws:bedrock:${REGION}:${ACCOUNT}:model-invocation-job/*`;

describe("app", () => {
  it("is recap on AWS, retained and protected in production only", () => {
    expect(built.config.app({ stage: "production" })).toMatchObject({
      name: "recap",
      home: "aws",
      removal: "retain",
      protect: true,
    });
    expect(built.config.app({ stage: "dev" })).toMatchObject({
      name: "recap",
      removal: "remove",
      protect: false,
    });
  });

  it("outputs the stage, the bucket, the batch role, every topic ARN, every queue and DLQ URL and every table name", () => {
    expect(built.outputs.stage).toBe(built.stage);
    expect(built.outputs.bucket).toBe(nameOf(bucket().instance));
    expect(built.outputs.batchRole).toBe(arnOf(batchRole().instance));
    for (const topic of topicNames)
      expect(built.outputs[`${topic}TopicArn`]).toBe(arnOf(topicOf(topic).instance));
    for (const service of serviceNames) {
      expect(built.outputs[queueName(service)]).toBe(urlOf(queueOf(service).instance));
      expect(built.outputs[deadLetterName(service)]).toBe(urlOf(deadLettersOf(service).instance));
    }
    for (const name of tableNames) expect(built.outputs[name]).toBe(nameOf(tableOf(name).instance));
  });
});

describe("queues", () => {
  it("are exactly one queue and one dead-letter queue per service", () => {
    const names = recording.ofType("sst.aws.Queue").map((queue) => queue.name);
    const expected = serviceNames.flatMap((s) => [queueName(s), `${deadLetterName(s)}Queue`]);
    expect(names.sort()).toEqual(expected.sort());
  });

  it.each(serviceNames)(
    "%s: redrives to its own DLQ after MAX_RECEIVE_COUNT, with 6x visibility",
    (service) => {
      const args = argsOf(queueOf(service));
      expect(args.dlq).toEqual({ queue: arnOf(deadLettersOf(service).instance), retry: MAX_RECEIVE_COUNT });
      expect(args.visibilityTimeout).toBe(`${visibilityTimeoutSeconds(service)} seconds`);
      expect(visibilityTimeoutSeconds(service)).toBeGreaterThanOrEqual(spec(service).timeoutSeconds);
    },
  );

  it.each(serviceNames)(
    "%s: DLQ keeps messages DEAD_LETTER_RETENTION_DAYS and has no DLQ itself",
    (service) => {
      const args = argsOf(deadLettersOf(service)) as { dlq?: unknown; transform: { queue: Args } };
      expect(args.dlq).toBeUndefined();
      expect(args.transform.queue.messageRetentionSeconds).toBe(DEAD_LETTER_RETENTION_DAYS * 86_400);
    },
  );
});

describe("subscriptions", () => {
  const topicByArn = () => new Map(topicNames.map((t) => [arnOf(topicOf(t).instance), t]));
  const serviceByQueueArn = () => new Map(serviceNames.map((s) => [arnOf(queueOf(s).instance), s]));

  it("are exactly subscriptionsOf(service), with its filter, over SQS, with raw delivery", () => {
    const actual = recording.ofType("aws.sns.TopicSubscription").map((subscription) => {
      const args = argsOf(subscription);
      return {
        service: serviceByQueueArn().get(args.endpoint as string),
        topic: topicByArn().get(args.topic as string),
        protocol: args.protocol,
        filter: typeof args.filterPolicy === "string" ? JSON.parse(args.filterPolicy) : undefined,
        raw: args.rawMessageDelivery,
      };
    });
    const expected = serviceNames.flatMap((service) =>
      subscriptionsOf(service).map((subscription) => ({
        service,
        topic: subscription.topic,
        protocol: "sqs",
        filter: subscription.filter && { type: [...subscription.filter.type] },
        raw: true,
      })),
    );
    const key = (s: { service?: string; topic?: string }) => `${s.service} ${s.topic}`;
    expect(actual.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.sort((a, b) => key(a).localeCompare(key(b))),
    );
  });

  it("each land on a queue whose policy admits that topic", () => {
    for (const subscription of recording.ofType("aws.sns.TopicSubscription").map(argsOf)) {
      const admitted = queueAdmits(
        recording,
        subscription.endpoint as string,
        "sns.amazonaws.com",
        subscription.topic as string,
      );
      expect(admitted, `${subscription.topic} -> ${subscription.endpoint}`).toBe(true);
    }
  });
});

describe("queue policies", () => {
  it("admit AWS services only from this account's topics and rules", () => {
    const policies = recording.ofType("aws.sqs.QueuePolicy");
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      for (const statement of statementsOf(argsOf(policy).policy)) {
        if (list(statement.Principal?.Service).length === 0) continue;
        const sources = list(statement.Condition?.ArnLike?.["aws:SourceArn"]);
        expect(sources, policy.name).not.toHaveLength(0);
        for (const source of sources) {
          expect(
            source.startsWith(`arn:aws:sns:${REGION}:${ACCOUNT}:`) ||
              source.startsWith(`arn:aws:events:${REGION}:${ACCOUNT}:rule/`),
            source,
          ).toBe(true);
        }
        expect(queueAdmitsForeign(statement)).toBe(false);
      }
    }
  });
});

/** A topic in another account must not match any source pattern of the statement. */
function queueAdmitsForeign(statement: ReturnType<typeof statementsOf>[number]): boolean {
  const foreign = `arn:aws:sns:${REGION}:999999999999:Evil`;
  return list(statement.Condition?.ArnLike?.["aws:SourceArn"]).some((pattern) =>
    globMatches(pattern, foreign),
  );
}

describe("functions", () => {
  it.each(serviceNames)("%s: handler, nodejs22.x, timeout, memory from the topology", (service) => {
    const { resolved } = subscriberOf(service);
    expect(resolved.handler).toBe(spec(service).handler);
    expect(resolved.runtime).toBe("nodejs22.x");
    expect(resolved.timeout).toBe(`${spec(service).timeoutSeconds} seconds`);
    expect(resolved.memory).toBe(`${spec(service).memoryMb} MB`);
    expect(resolved.environment).toEqual(spec(service).runtimeEnvironment);
  });

  it.each(serviceNames)(
    "%s: batch size and window from the topology, partial batch responses on",
    (service) => {
      const { batchSize, batchWindowSeconds } = spec(service);
      expect(subscriberOf(service).subscriberArgs.batch).toEqual({
        size: batchSize,
        // SST's default window is 0; it is passed only when the topology asks for one.
        ...(batchWindowSeconds > 0 ? { window: `${batchWindowSeconds} seconds` } : {}),
        partialResponses: true,
      });
    },
  );

  it.each(serviceNames)("%s: reserved concurrency is the topology's concurrency", (service) => {
    expect(subscriberOf(service).resolved.concurrency).toEqual({ reserved: spec(service).concurrency });
  });

  it.each(serviceNames)(
    "%s: its queue's event source batches and scales exactly as the topology says",
    (service) => {
      const mapping = eventSourceMappingOf(recording, arnOf(queueOf(service).instance));
      expect(mapping).toMatchObject({
        batchSize: spec(service).batchSize,
        maximumBatchingWindowInSeconds: spec(service).batchWindowSeconds,
        functionResponseTypes: ["ReportBatchItemFailures"],
        scalingConfig: { maximumConcurrency: spec(service).concurrency },
      });
      // SQS's floor for an event source's maximum concurrency; the poller never outruns the reservation.
      expect(spec(service).concurrency).toBeGreaterThanOrEqual(2);
    },
  );

  it("every queue feeds exactly one event source mapping", () => {
    const sources = recording.ofType("aws.lambda.EventSourceMapping").map((m) => argsOf(m).eventSourceArn);
    expect(sources.sort()).toEqual(serviceNames.map((s) => arnOf(queueOf(s).instance)).sort());
  });

  it.each(serviceNames)("%s: links exactly linksOf(service), all property-only Linkables", (service) => {
    const { fn } = subscriberOf(service);
    expect(fn.link.map((link) => Reflect.get(link, "componentName"))).toEqual(linksOf(service));
    for (const link of fn.link) expect(link).toBeInstanceOf(built.classes.Linkable);
  });
});

describe("links", () => {
  it("are the store, every topic, every DLQ, every table and the batch role: a superset of every linksOf", () => {
    const names = recording.ofType("sst.Linkable").map((link) => link.name);
    expect(names.sort()).toEqual(
      [STORE, BATCH_ROLE, ...topicNames, ...serviceNames.map(deadLetterName), ...tableNames].sort(),
    );
    for (const link of serviceNames.flatMap(linksOf)) expect(names).toContain(link);
  });

  it("carry only the properties code reads, pointing at the real resources", () => {
    const properties = (name: string) => argsOf(recording.one("sst.Linkable", name)).properties;
    expect(properties(STORE)).toEqual({ name: nameOf(bucket().instance) });
    expect(properties(BATCH_ROLE)).toEqual({ arn: arnOf(batchRole().instance) });
    for (const topic of topicNames)
      expect(properties(topic)).toEqual({ arn: arnOf(topicOf(topic).instance) });
    for (const service of serviceNames) {
      expect(properties(deadLetterName(service))).toEqual({ url: urlOf(deadLettersOf(service).instance) });
    }
    for (const name of tableNames) expect(properties(name)).toEqual({ name: nameOf(tableOf(name).instance) });
    for (const link of recording.ofType("sst.Linkable")) expect(link.args.include).toBeUndefined();
  });
});

describe("EventBridge", () => {
  const watchers = serviceNames.filter((s) => spec(s).eventBridge?.bedrockJobStateChanges);
  const tickers = serviceNames.filter((s) => spec(s).tick);
  const rules = () =>
    new Map(recording.ofType("aws.cloudwatch.EventRule").map((r) => [nameOf(r.instance), r]));
  const targets = () => recording.ofType("aws.cloudwatch.EventTarget").map(argsOf);
  const rulesTargeting = (service: ServiceName) =>
    targets()
      .filter((t) => t.arn === arnOf(queueOf(service).instance))
      .map((t) => rules().get(t.rule as string))
      .flatMap((rule) => (rule ? [argsOf(rule)] : []));
  const rate = (minutes: number) => `rate(${minutes} ${minutes === 1 ? "minute" : "minutes"})`;

  it("references the default bus and creates none", () => {
    const buses = recording.ofType("sst.aws.Bus");
    expect(buses.map((bus) => [bus.name, bus.args])).toEqual([
      ["DefaultBus", { ref: true, busName: "default" }],
    ]);
  });

  it("targets only the queues of services with a tick or Bedrock's job state changes", () => {
    expect(watchers).toEqual(["status-watcher"]);
    expect(tickers).toEqual(["shard-builder", "job-submitter", "status-watcher"]);
    const allowed = [...new Set([...watchers, ...tickers])].map((s) => arnOf(queueOf(s).instance));
    expect(targets().length).toBeGreaterThan(0);
    for (const target of targets()) expect(allowed).toContain(target.arn);
    // Every rule has exactly one target, and each target's rule exists.
    expect(targets().length).toBe(rules().size);
    for (const target of targets())
      expect(rules().has(target.rule as string), String(target.rule)).toBe(true);
  });

  it.each(serviceNames)(
    "%s: gets Bedrock batch job state changes of this stage's Recap jobs only, if it follows jobs",
    (service) => {
      const patterns = rulesTargeting(service).filter((rule) => typeof rule.eventPattern === "string");
      expect(patterns).toHaveLength(spec(service).eventBridge?.bedrockJobStateChanges ? 1 : 0);
      if (patterns.length === 0) return;
      expect(patterns[0]?.eventBusName).toBe("default");
      expect(JSON.parse(patterns[0]?.eventPattern as string)).toEqual({
        source: [...BEDROCK_JOB_STATE_CHANGE_PATTERN.source],
        "detail-type": [...BEDROCK_JOB_STATE_CHANGE_PATTERN.detailType],
        detail: { batchJobName: [{ prefix: "recap-dev-" }] },
      });
      expect(jobNamePrefix("dev")).toBe("recap-dev-");
    },
  );

  it("matches the deployed stage's job names, not another stage's", async () => {
    const production = await buildInfra({ stage: "production" });
    const patterns = production.recording
      .ofType("aws.cloudwatch.EventRule")
      .map(argsOf)
      .flatMap((rule) => (typeof rule.eventPattern === "string" ? [JSON.parse(rule.eventPattern)] : []));
    expect(patterns.map((p) => p.detail)).toEqual([
      { batchJobName: [{ prefix: jobNamePrefix("production") }] },
    ]);
  });

  it.each(serviceNames)(
    "%s: ticks into its own queue every tick.awsEveryMinutes, or not at all",
    (service) => {
      const schedules = rulesTargeting(service).filter((rule) => typeof rule.scheduleExpression === "string");
      const tick = spec(service).tick;
      expect(schedules).toHaveLength(tick ? 1 : 0);
      if (!tick) return;
      expect(schedules[0]?.scheduleExpression).toBe(rate(tick.awsEveryMinutes));
      // A schedule rule is on the default bus and carries no pattern.
      expect(schedules[0]?.eventPattern).toBeUndefined();
      expect(schedules[0]?.eventBusName).toBeUndefined();
    },
  );

  it("every rule's queue has a policy admitting that rule", () => {
    for (const target of targets()) {
      const rule = rules().get(target.rule as string);
      expect(rule, String(target.rule)).toBeDefined();
      if (!rule) continue;
      expect(queueAdmits(recording, target.arn as string, "events.amazonaws.com", arnOf(rule.instance))).toBe(
        true,
      );
    }
  });
});

describe("tables", () => {
  it("are exactly one Dynamo per tablesOf(), named apart from its link", () => {
    const names = recording.ofType("sst.aws.Dynamo").map((table) => table.name);
    expect(names.sort()).toEqual(tableNames.map((name) => `${name}Dynamo`).sort());
    expect(tableNames.length).toBeGreaterThan(0);
    // SST requires top-level component names to be unique, ignoring case.
    const components = recording.resources
      .filter((r) => r.type.startsWith("sst."))
      .map((r) => r.name.toLowerCase());
    expect(new Set(components).size).toBe(components.length);
  });

  it.each(tablesOf().map(({ service, table }) => [table.name, service, table] as const))(
    "%s (%s): string pk hash key, every index key a string field, the spec's sparse global indexes",
    (name, _service, table) => {
      const args = argsOf(tableOf(name)) as Args;
      const indexKeys = Object.values(table.indexes).flatMap((i) => [i.hashKey, i.rangeKey]);
      expect(args.fields).toEqual(
        Object.fromEntries([TABLE_HASH_KEY, ...indexKeys].map((key) => [key, "string"])),
      );
      expect(args.primaryIndex).toEqual({ hashKey: TABLE_HASH_KEY });
      expect(args.globalIndexes).toEqual(
        Object.fromEntries(
          Object.entries(table.indexes).map(([index, { hashKey, rangeKey }]) => [
            index,
            { hashKey, rangeKey },
          ]),
        ),
      );
      // Projection left at SST's default (all attributes); no local indexes, no stream.
      expect(args.localIndexes).toBeUndefined();
      expect(args.stream).toBeUndefined();
    },
  );

  it("are protected from deletion on retained stages only", async () => {
    for (const name of tableNames) expect(argsOf(tableOf(name)).deletionProtection).toBe(false);
    const production = await buildInfra({ stage: "production" });
    for (const name of tableNames) {
      expect(argsOf(production.recording.one("sst.aws.Dynamo", `${name}Dynamo`)).deletionProtection).toBe(
        true,
      );
    }
  });

  it("are linked only to their own service's function", () => {
    for (const service of serviceNames) {
      const linked = subscriberOf(service).fn.link.map((link) => Reflect.get(link, "componentName"));
      const own = spec(service).table?.name;
      expect(linked.filter((link) => tableNames.includes(link as string))).toEqual(own ? [own] : []);
    }
  });
});

describe("storage", () => {
  it("expires exactly the prefixes whose topology entry has expireAfterDays", () => {
    const rules = argsOf(bucket()).lifecycle as { prefix: string; expiresIn: string; enabled?: boolean }[];
    const expected = (Object.keys(prefixes) as Prefix[]).flatMap((prefix) => {
      const days: number | undefined = prefixes[prefix].expireAfterDays;
      return days === undefined ? [] : [{ prefix, expiresIn: `${days} days` }];
    });
    expect(rules.map(({ prefix, expiresIn }) => ({ prefix, expiresIn }))).toEqual(expected);
    expect(rules.every((rule) => rule.enabled !== false)).toBe(true);
  });

  it("is encrypted at rest and keeps SST's public-access block", () => {
    const [encryption, ...others] = recording
      .ofType("aws.s3.BucketServerSideEncryptionConfiguration")
      .map(argsOf);
    expect(others).toHaveLength(0);
    expect(encryption).toEqual({
      bucket: nameOf(bucket().instance),
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    expect((argsOf(bucket()).transform as Args).publicAccessBlock).toBeUndefined();
    expect(argsOf(bucket()).access).toBeUndefined();
  });

  it("is only force-destroyed on stages that are removed", async () => {
    const transformOf = (r: Recording) => argsOf(r.one("sst.aws.Bucket", "StoreBucket")).transform as Args;
    expect(transformOf(recording).bucket).toEqual({ forceDestroy: true });
    const production = await buildInfra({ stage: "production" });
    expect(transformOf(production.recording).bucket).toEqual({ forceDestroy: false });
  });
});

describe("Bedrock batch role", () => {
  it("can be assumed by Bedrock only, for this account's batch jobs", () => {
    const [trust, ...others] = statementsOf(argsOf(batchRole()).assumeRolePolicy);
    expect(others).toHaveLength(0);
    expect(trust).toEqual({
      Effect: "Allow",
      Principal: { Service: "bedrock.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": jobArns },
      },
    });
  });

  it("reads only shards/, writes only outputs/, lists only those two", () => {
    const policies = recording.ofType("aws.iam.RolePolicy").map(argsOf);
    expect(policies).toHaveLength(1);
    const policy = policies[0] as Args;
    expect(policy.role).toBe(nameOf(batchRole().instance));
    const bucketArn = arnOf(bucket().instance);
    const grants = statementsOf(policy.policy).map((s) => ({
      actions: list(s.Action),
      resources: list(s.Resource),
      condition: s.Condition,
    }));
    expect(grants).toEqual([
      { actions: ["s3:GetObject"], resources: [`${bucketArn}/shards/*`], condition: undefined },
      { actions: ["s3:PutObject"], resources: [`${bucketArn}/outputs/*`], condition: undefined },
      {
        actions: ["s3:ListBucket"],
        resources: [bucketArn],
        condition: { StringLike: { "s3:prefix": ["shards/*", "outputs/*"] } },
      },
    ]);
  });
});

describe("the local stack", () => {
  it("provisions the same topics, queues, DLQs, subscriptions, EventBridge routes, ticks, concurrency, batching and tables as AWS", () => {
    const byService = <T extends { service: string }>(plans: T[]) =>
      [...plans].sort((a, b) => a.service.localeCompare(b.service));
    const byName = <T extends { name: string }>(tables: T[]) =>
      [...tables].sort((a, b) => a.name.localeCompare(b.name));
    const local = localPlan();
    const aws = planFromGraph(recording);
    expect(aws.topics.sort()).toEqual([...local.topics].sort());
    expect(byService(aws.queues)).toEqual(byService(local.queues));
    expect(byName(aws.tables)).toEqual(byName(local.tables));
    expect(Object.keys(aws).sort()).toEqual(Object.keys(local).sort());
  });
});
