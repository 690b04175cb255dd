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
  arnOf,
  batchRoleOf,
  bucketOf,
  buildOf,
  deadLettersOf,
  eventSourceMappingOf,
  functionOf,
  globMatches,
  linkPropertiesOf,
  list,
  nameOf,
  ofType,
  one,
  planFromGraph,
  queueAdmits,
  queueOf,
  roleOf,
  rulesTargeting,
  statementsOf,
  TYPES,
  tableOf,
  topicOf,
  urlOf,
} from "./graph.ts";
import { ACCOUNT, REGION } from "./sst-evaluation/mocks.ts";
import { type Evaluation, registeredResources } from "./sst-evaluation/registered-resources.ts";

/**
 * sst.config.ts evaluated with SST's real components under Pulumi's mocks, as `sst deploy --stage dev`
 * and `--stage production` would (see sst-evaluation/): these are the AWS resources and final inputs
 * Pulumi would be asked to create.
 */
let dev: Evaluation;
let production: Evaluation;

beforeAll(async () => {
  [dev, production] = await Promise.all([registeredResources("dev"), registeredResources("production")]);
}, 180_000);

const topicNames = Object.keys(topics) as TopicName[];
const spec = (service: ServiceName): ServiceSpec => services[service];
const tableNames = tablesOf().map(({ table }) => table.name);
const jobArns = `arn:aws:bedrock:${REGION}:${ACCOUNT}:model-invocation-job/*`;
/** What SST itself puts in every function's environment: the link decryption key and the app. */
const SST_ENVIRONMENT = ["SST_KEY", "SST_KEY_FILE", "SST_RESOURCE_App"];

describe("app", () => {
  it("is recap on AWS, retained and protected in production only", () => {
    expect(production.app).toMatchObject({ name: "recap", home: "aws", removal: "retain", protect: true });
    expect(dev.app).toMatchObject({ name: "recap", home: "aws", removal: "remove", protect: false });
  });

  it("outputs the stage, the bucket, the batch role, every topic ARN, every queue and DLQ URL and every table name", () => {
    expect(dev.outputs.stage).toBe("dev");
    expect(dev.outputs.bucket).toBe(bucketOf(dev).state.bucket);
    expect(dev.outputs.batchRole).toBe(arnOf(batchRoleOf(dev)));
    for (const topic of topicNames) expect(dev.outputs[`${topic}TopicArn`]).toBe(arnOf(topicOf(dev, topic)));
    for (const service of serviceNames) {
      expect(dev.outputs[queueName(service)]).toBe(urlOf(queueOf(dev, service)));
      expect(dev.outputs[deadLetterName(service)]).toBe(urlOf(deadLettersOf(dev, service)));
    }
    for (const name of tableNames) expect(dev.outputs[name]).toBe(nameOf(tableOf(dev, name)));
  });
});

describe("queues", () => {
  it("are exactly one queue and one dead-letter queue per service, encrypted by SQS", () => {
    const queues = ofType(dev, TYPES.queue);
    const expected = serviceNames.flatMap((s) => [`${queueName(s)}Queue`, `${deadLetterName(s)}QueueQueue`]);
    expect(queues.map((queue) => queue.name).sort()).toEqual(expected.sort());
    for (const queue of queues) expect(queue.inputs.sqsManagedSseEnabled, queue.name).toBe(true);
  });

  it.each(serviceNames)(
    "%s: redrives to its own DLQ after MAX_RECEIVE_COUNT, with 6x visibility",
    (service) => {
      const { inputs } = queueOf(dev, service);
      expect(JSON.parse(inputs.redrivePolicy as string)).toEqual({
        deadLetterTargetArn: arnOf(deadLettersOf(dev, service)),
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
      expect(inputs.visibilityTimeoutSeconds).toBe(visibilityTimeoutSeconds(service));
      expect(visibilityTimeoutSeconds(service)).toBeGreaterThanOrEqual(spec(service).timeoutSeconds);
      expect(inputs.fifoQueue).toBe(false);
    },
  );

  it.each(serviceNames)(
    "%s: DLQ keeps messages DEAD_LETTER_RETENTION_DAYS and has no DLQ itself",
    (service) => {
      const { inputs } = deadLettersOf(dev, service);
      expect(inputs.redrivePolicy).toBeUndefined();
      expect(inputs.messageRetentionSeconds).toBe(DEAD_LETTER_RETENTION_DAYS * 86_400);
    },
  );
});

describe("subscriptions", () => {
  const topicByArn = () => new Map(topicNames.map((t) => [arnOf(topicOf(dev, t)), t]));
  const serviceByQueueArn = () => new Map(serviceNames.map((s) => [arnOf(queueOf(dev, s)), s]));

  it("are exactly subscriptionsOf(service), with its filter, over SQS, with raw delivery", () => {
    const actual = ofType(dev, TYPES.subscription).map(({ inputs }) => ({
      service: serviceByQueueArn().get(inputs.endpoint as string),
      topic: topicByArn().get(inputs.topic as string),
      protocol: inputs.protocol,
      filter: typeof inputs.filterPolicy === "string" ? JSON.parse(inputs.filterPolicy) : undefined,
      raw: inputs.rawMessageDelivery,
    }));
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
    for (const { inputs } of ofType(dev, TYPES.subscription)) {
      const queue = ofType(dev, TYPES.queue).find((q) => arnOf(q) === inputs.endpoint);
      expect(queue, String(inputs.endpoint)).toBeDefined();
      if (!queue) continue;
      const admitted = queueAdmits(dev, queue, "sns.amazonaws.com", inputs.topic as string);
      expect(admitted, `${inputs.topic} -> ${inputs.endpoint}`).toBe(true);
    }
  });
});

describe("queue policies", () => {
  it("admit AWS services only from this account's topics and rules", () => {
    const policies = ofType(dev, TYPES.queuePolicy);
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      for (const statement of statementsOf(policy.inputs.policy)) {
        expect(statement.Principal, policy.name).not.toBe("*");
        if (typeof statement.Principal !== "object" || list(statement.Principal.Service).length === 0)
          continue;
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
  it("are exactly one per service", () => {
    expect(ofType(dev, TYPES.function)).toHaveLength(serviceNames.length);
    for (const service of serviceNames) expect(() => functionOf(dev, service)).not.toThrow();
  });

  it.each(serviceNames)(
    "%s: handler, nodejs22.x, timeout, memory, environment from the topology",
    (service) => {
      const { inputs } = functionOf(dev, service);
      expect(inputs.handler).toBe(spec(service).handler);
      expect(inputs.runtime).toBe("nodejs22.x");
      expect(inputs.timeout).toBe(spec(service).timeoutSeconds);
      expect(inputs.memorySize).toBe(spec(service).memoryMb);
      const { variables } = inputs.environment as { variables: Record<string, string> };
      const own = Object.fromEntries(
        Object.entries(variables).filter(([key]) => !SST_ENVIRONMENT.includes(key)),
      );
      expect(own).toEqual(spec(service).runtimeEnvironment ?? {});
      expect(JSON.parse(variables.SST_RESOURCE_App ?? "{}")).toEqual({ name: "recap", stage: "dev" });
    },
  );

  it.each(serviceNames)(
    "%s: batch size and window from the topology, partial batch responses on",
    (service) => {
      expect(eventSourceMappingOf(dev, arnOf(queueOf(dev, service)))).toMatchObject({
        batchSize: spec(service).batchSize,
        // SST's default window is 0; the infra passes one only when the topology asks for one.
        maximumBatchingWindowInSeconds: spec(service).batchWindowSeconds,
        functionResponseTypes: ["ReportBatchItemFailures"],
      });
    },
  );

  it.each(serviceNames)("%s: reserved concurrency is the topology's concurrency", (service) => {
    expect(functionOf(dev, service).inputs.reservedConcurrentExecutions).toBe(spec(service).concurrency);
  });

  it.each(serviceNames)(
    "%s: its queue's event source feeds its function and scales exactly as the topology says",
    (service) => {
      const mapping = eventSourceMappingOf(dev, arnOf(queueOf(dev, service)));
      expect(mapping.functionName).toBe(arnOf(functionOf(dev, service)));
      expect(mapping.scalingConfig).toEqual({ maximumConcurrency: spec(service).concurrency });
      // SQS's floor for an event source's maximum concurrency; the poller never outruns the reservation.
      expect(spec(service).concurrency).toBeGreaterThanOrEqual(2);
    },
  );

  it("every queue feeds exactly one event source mapping", () => {
    const sources = ofType(dev, TYPES.eventSourceMapping).map((m) => m.inputs.eventSourceArn);
    expect(sources.sort()).toEqual(serviceNames.map((s) => arnOf(queueOf(dev, s))).sort());
  });

  it.each(serviceNames)("%s: links exactly linksOf(service), all property-only Linkables", (service) => {
    const { links } = buildOf(dev, functionOf(dev, service));
    expect(Object.keys(links)).toEqual(linksOf(service));
    for (const [name, properties] of Object.entries(links)) {
      const { type, ...rest } = properties;
      expect(type, name).toBe("sst.sst.Linkable");
      expect(rest, name).toEqual(linkPropertiesOf(dev, name));
    }
  });

  it.each(serviceNames)("%s: logs to its own log group, kept 30 days", (service) => {
    const fn = functionOf(dev, service);
    const logGroup = (fn.inputs.loggingConfig as { logGroup: string }).logGroup;
    const groups = ofType(dev, "aws:cloudwatch/logGroup:LogGroup").filter((g) => g.inputs.name === logGroup);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.inputs.retentionInDays).toBe(30);
  });
});

describe("links", () => {
  it("are the store, every topic, every DLQ, every table and the batch role: a superset of every linksOf", () => {
    const names = ofType(dev, TYPES.linkable).map((link) => link.name);
    expect(names.sort()).toEqual(
      [STORE, BATCH_ROLE, ...topicNames, ...serviceNames.map(deadLetterName), ...tableNames].sort(),
    );
    for (const link of serviceNames.flatMap(linksOf)) expect(names).toContain(link);
  });

  it("carry only the properties code reads, pointing at the real resources", () => {
    expect(linkPropertiesOf(dev, STORE)).toEqual({ name: bucketOf(dev).state.bucket });
    expect(linkPropertiesOf(dev, BATCH_ROLE)).toEqual({ arn: arnOf(batchRoleOf(dev)) });
    for (const topic of topicNames)
      expect(linkPropertiesOf(dev, topic)).toEqual({ arn: arnOf(topicOf(dev, topic)) });
    for (const service of serviceNames)
      expect(linkPropertiesOf(dev, deadLetterName(service))).toEqual({
        url: urlOf(deadLettersOf(dev, service)),
      });
    for (const name of tableNames)
      expect(linkPropertiesOf(dev, name)).toEqual({ name: nameOf(tableOf(dev, name)) });
  });
});

describe("EventBridge", () => {
  const watchers = serviceNames.filter((s) => spec(s).eventBridge?.bedrockJobStateChanges);
  const tickers = serviceNames.filter((s) => spec(s).tick);
  const targets = () => ofType(dev, TYPES.target).map((target) => target.inputs);
  const rate = (minutes: number) => `rate(${minutes} ${minutes === 1 ? "minute" : "minutes"})`;

  it("references the default bus and creates none", () => {
    const buses = ofType(dev, TYPES.bus);
    expect(buses.map((bus) => [bus.name, bus.readId, nameOf(bus)])).toEqual([
      ["DefaultBusBus", "default", "default"],
    ]);
  });

  it("targets only the queues of services with a tick or Bedrock's job state changes", () => {
    expect(watchers).toEqual(["status-watcher"]);
    expect(tickers).toEqual(["shard-builder", "job-submitter", "status-watcher"]);
    const allowed = [...new Set([...watchers, ...tickers])].map((s) => arnOf(queueOf(dev, s)));
    expect(targets().length).toBeGreaterThan(0);
    for (const target of targets()) expect(allowed).toContain(target.arn);
    // Every rule has exactly one target, and each target's rule exists.
    const ruleNames = ofType(dev, TYPES.rule).map(nameOf);
    expect(
      targets()
        .map((target) => target.rule)
        .sort(),
    ).toEqual([...ruleNames].sort());
  });

  it.each(serviceNames)(
    "%s: gets Bedrock batch job state changes of this stage's Recap jobs only, if it follows jobs",
    (service) => {
      const patterns = rulesTargeting(dev, queueOf(dev, service))
        .map((rule) => rule.inputs)
        .filter((rule) => typeof rule.eventPattern === "string");
      expect(patterns).toHaveLength(spec(service).eventBridge?.bedrockJobStateChanges ? 1 : 0);
      if (patterns.length === 0) return;
      expect(patterns[0]?.eventBusName).toBe("default");
      expect(patterns[0]?.state).toBe("ENABLED");
      expect(JSON.parse(patterns[0]?.eventPattern as string)).toEqual({
        source: [...BEDROCK_JOB_STATE_CHANGE_PATTERN.source],
        "detail-type": [...BEDROCK_JOB_STATE_CHANGE_PATTERN.detailType],
        detail: { batchJobName: [{ prefix: "recap-dev-" }] },
      });
      expect(jobNamePrefix("dev")).toBe("recap-dev-");
    },
  );

  it("matches the deployed stage's job names, not another stage's", () => {
    const patterns = ofType(production, TYPES.rule).flatMap(({ inputs }) =>
      typeof inputs.eventPattern === "string" ? [JSON.parse(inputs.eventPattern)] : [],
    );
    expect(patterns.map((p) => p.detail)).toEqual([
      { batchJobName: [{ prefix: jobNamePrefix("production") }] },
    ]);
  });

  it.each(serviceNames)(
    "%s: ticks into its own queue every tick.awsEveryMinutes, or not at all",
    (service) => {
      const schedules = rulesTargeting(dev, queueOf(dev, service))
        .map((rule) => rule.inputs)
        .filter((rule) => typeof rule.scheduleExpression === "string");
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
    for (const target of ofType(dev, TYPES.target)) {
      const queue = ofType(dev, TYPES.queue).find((q) => arnOf(q) === target.inputs.arn);
      const rule = ofType(dev, TYPES.rule).find((r) => nameOf(r) === target.inputs.rule);
      expect(queue && rule, target.name).toBeTruthy();
      if (!queue || !rule) continue;
      expect(queueAdmits(dev, queue, "events.amazonaws.com", arnOf(rule)), target.name).toBe(true);
    }
  });
});

describe("tables", () => {
  it("are exactly one Dynamo per tablesOf(), named apart from its link", () => {
    const names = ofType(dev, TYPES.table).map((table) => table.name);
    expect(names.sort()).toEqual(tableNames.map((name) => `${name}DynamoTable`).sort());
    expect(tableNames.length).toBeGreaterThan(0);
    // SST requires component names to be unique, ignoring case.
    const components = dev.registrations
      .filter((r) => r.type.startsWith("sst:aws:") || r.type === TYPES.linkable)
      .map((r) => r.name.toLowerCase());
    expect(new Set(components).size).toBe(components.length);
  });

  it.each(tablesOf().map(({ service, table }) => [table.name, service, table] as const))(
    "%s (%s): on demand, string pk hash key, every index key a string attribute, the spec's sparse global indexes",
    (name, _service, table) => {
      const { inputs } = tableOf(dev, name);
      const indexKeys = Object.values(table.indexes).flatMap((i) => [i.hashKey, i.rangeKey]);
      expect(inputs.billingMode).toBe("PAY_PER_REQUEST");
      expect(inputs.attributes).toEqual(
        [TABLE_HASH_KEY, ...indexKeys].map((key) => ({ name: key, type: "S" })),
      );
      expect(inputs.hashKey).toBe(TABLE_HASH_KEY);
      expect(inputs.rangeKey).toBeUndefined();
      expect(inputs.globalSecondaryIndexes).toEqual(
        Object.entries(table.indexes).map(([index, { hashKey, rangeKey }]) => ({
          name: index,
          hashKey,
          rangeKey,
          projectionType: "ALL",
        })),
      );
      expect(inputs.localSecondaryIndexes).toEqual([]);
      expect(inputs.streamEnabled).toBe(false);
    },
  );

  it("are protected from deletion on retained stages only", () => {
    for (const name of tableNames) {
      expect(tableOf(dev, name).inputs.deletionProtectionEnabled).toBe(false);
      expect(tableOf(production, name).inputs.deletionProtectionEnabled).toBe(true);
    }
  });

  it("are linked only to their own service's function", () => {
    for (const service of serviceNames) {
      const linked = Object.keys(buildOf(dev, functionOf(dev, service)).links);
      const own = spec(service).table?.name;
      expect(linked.filter((link) => tableNames.includes(link))).toEqual(own ? [own] : []);
    }
  });
});

describe("storage", () => {
  it("expires exactly the prefixes whose topology entry has expireAfterDays", () => {
    const [lifecycle, ...others] = ofType(dev, TYPES.lifecycle);
    expect(others).toHaveLength(0);
    expect(lifecycle?.inputs.bucket).toBe(bucketOf(dev).state.bucket);
    const expected = (Object.keys(prefixes) as Prefix[]).flatMap((prefix) => {
      const days: number | undefined = prefixes[prefix].expireAfterDays;
      return days === undefined
        ? []
        : [
            {
              id: `expire-${prefix.replace(/\/$/, "")}`,
              status: "Enabled",
              filter: { prefix },
              expiration: { days },
            },
          ];
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(lifecycle?.inputs.rules).toEqual(expected);
  });

  it("is encrypted at rest, blocks public access and refuses plain HTTP", () => {
    const bucketName = bucketOf(dev).state.bucket;
    const [encryption, ...others] = ofType(dev, TYPES.encryption).map((r) => r.inputs);
    expect(others).toHaveLength(0);
    expect(encryption).toEqual({
      bucket: bucketName,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    expect(one(dev, TYPES.publicAccessBlock, "StoreBucketPublicAccessBlock").inputs).toEqual({
      bucket: bucketName,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const [policy, ...morePolicies] = ofType(dev, TYPES.bucketPolicy);
    expect(morePolicies).toHaveLength(0);
    expect(statementsOf(policy?.inputs.policy)).toEqual([
      {
        Effect: "Deny",
        Action: "s3:*",
        Resource: [arnOf(bucketOf(dev)), `${arnOf(bucketOf(dev))}/*`],
        Principal: "*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  });

  it("answers no browser: SST's default CORS rule for every origin is not created", () => {
    expect(ofType(dev, TYPES.bucketCors)).toEqual([]);
    expect(ofType(production, TYPES.bucketCors)).toEqual([]);
  });

  it("is only force-destroyed on stages that are removed", () => {
    expect(bucketOf(dev).inputs.forceDestroy).toBe(true);
    expect(bucketOf(production).inputs.forceDestroy).toBe(false);
  });
});

describe("Bedrock batch role", () => {
  it("can be assumed by Bedrock only, for this account's batch jobs", () => {
    const [trust, ...others] = statementsOf(batchRoleOf(dev).inputs.assumeRolePolicy);
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
    const policies = ofType(dev, TYPES.rolePolicy).map((policy) => policy.inputs);
    expect(policies).toHaveLength(1);
    const policy = policies[0] as Record<string, unknown>;
    expect(policy.role).toBe(nameOf(batchRoleOf(dev)));
    expect(batchRoleOf(dev).inputs.inlinePolicies).toBeUndefined();
    expect(batchRoleOf(dev).inputs.managedPolicyArns).toBeUndefined();
    const bucketArn = arnOf(bucketOf(dev));
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

describe("roles", () => {
  it("are the batch role and one per function, nothing else", () => {
    const functionRoles = serviceNames.map((service) => roleOf(dev, functionOf(dev, service)).name);
    expect(
      ofType(dev, TYPES.role)
        .map((role) => role.name)
        .sort(),
    ).toEqual(["BatchInferenceRole", ...functionRoles].sort());
  });

  it("trust no principal of the account, nor anyone: no role names an AWS principal or `*`", () => {
    for (const evaluation of [dev, production]) {
      for (const role of ofType(evaluation, TYPES.role)) {
        for (const statement of statementsOf(role.inputs.assumeRolePolicy)) {
          expect(statement.Principal, `${evaluation.stage} ${role.name}`).not.toBe("*");
          expect(statement.Principal, `${evaluation.stage} ${role.name}`).not.toHaveProperty("AWS");
        }
      }
    }
  });

  it.each(serviceNames)("%s: its function's role can be assumed by Lambda only", (service) => {
    for (const evaluation of [dev, production]) {
      const role = roleOf(evaluation, functionOf(evaluation, service));
      expect(statementsOf(role.inputs.assumeRolePolicy), evaluation.stage).toEqual([
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
    }
  });
});

describe("the local stack", () => {
  it("provisions the same topics, queues, DLQs, subscriptions, EventBridge routes, ticks, concurrency, batching and tables as AWS", () => {
    const byService = <T extends { service: string }>(plans: T[]) =>
      [...plans].sort((a, b) => a.service.localeCompare(b.service));
    const byName = <T extends { name: string }>(tables: T[]) =>
      [...tables].sort((a, b) => a.name.localeCompare(b.name));
    const local = localPlan();
    const aws = planFromGraph(dev);
    expect(aws.topics.sort()).toEqual([...local.topics].sort());
    expect(byService(aws.queues)).toEqual(byService(local.queues));
    expect(byName(aws.tables)).toEqual(byName(local.tables));
    expect(Object.keys(aws).sort()).toEqual(Object.keys(local).sort());
  });
});
