import { readFileSync } from "node:fs";
import {
  type ServiceName,
  type ServiceSpec,
  serviceNames,
  services,
  type TopicName,
  tablesOf,
  topics as topology,
} from "@recap/shared";
import { beforeAll, describe, expect, it } from "vitest";
import {
  arnOf,
  batchRoleOf,
  bucketOf,
  deadLettersOf,
  functionOf,
  inlineStatementsOf,
  list,
  ofType,
  queueOf,
  roleOf,
  type Statement,
  TYPES,
  tableOf,
  topicOf,
} from "./graph.ts";
import { actionsUsedBy } from "./sdk-actions.ts";
import { ACCOUNT, REGION } from "./sst-evaluation/mocks.ts";
import { type Evaluation, registeredResources } from "./sst-evaluation/registered-resources.ts";

/**
 * Each function's IAM policy, written out by hand and compared for equality with what the role SST creates
 * for it grants (its one inline policy, as Pulumi would send it): a grant added, dropped or widened anywhere
 * (topology, links.ts, the models in recap.config.ts, SST's own grants) fails here, and so does a grant the
 * service's code never uses. Physical names and ARNs are read from the evaluation, since SST gives each
 * resource a random suffix; which resource each grant names is what is written out.
 */

let dev: Evaluation;
beforeAll(async () => {
  dev = await registeredResources("dev");
}, 180_000);

const BUCKET = () => arnOf(bucketOf(dev));
const topic = (name: TopicName) => arnOf(topicOf(dev, name));
const deadLetters = (service: ServiceName) => arnOf(deadLettersOf(dev, service));
const table = (name: string) => arnOf(tableOf(dev, name));
const JOBS = `arn:aws:bedrock:${REGION}:${ACCOUNT}:model-invocation-job/*`;
// The models recap.config.ts's profiles name: Claude 3 Haiku and Nova Lite, by foundation-model id.
const MODELS = [
  `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
  `arn:aws:bedrock:${REGION}::foundation-model/amazon.nova-lite-v1:0`,
];
const BATCH_ROLE = () => arnOf(batchRoleOf(dev));
const TO_BEDROCK_ONLY = { StringEquals: { "iam:PassedToService": ["bedrock.amazonaws.com"] } };

interface Grant {
  actions: string[];
  resources: string[];
  /** IAM's condition block: operator, then key, then the values any of which may match. */
  conditions?: Record<string, Record<string, string[]>>;
}

/**
 * The `*` grants, each because the Service Authorization Reference lists no resource type for the action:
 * IAM then accepts only `*` for it.
 */
const WILDCARDS: Record<string, string> = {
  "servicequotas:ListServiceQuotas": "lists a service's quotas; there is no quota ARN to name",
  "bedrock:ListModelInvocationJobs": "lists the account's jobs; there is no job to name before it is found",
};

/**
 * What SST's queue subscriber adds for Lambda's SQS poller, which reads the queue with the function's role:
 * on the function's own queue only. The code sends none of these; the event source mapping does.
 */
const CONSUME = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:GetQueueUrl",
  "sqs:ReceiveMessage",
];
const consumeGrant = (service: ServiceName): Grant => ({
  actions: CONSUME,
  resources: [arnOf(queueOf(dev, service))],
});

/** The one managed policy SST attaches to a function's role: writing to its own log group. */
const LOGS_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

const expected = (): Record<ServiceName, Grant[]> => ({
  "ingest-normalizer": [
    {
      actions: ["s3:GetObject"],
      resources: [`${BUCKET()}/raw/*`, `${BUCKET()}/normalized/*`, `${BUCKET()}/rejected/*`],
    },
    { actions: ["s3:PutObject"], resources: [`${BUCKET()}/normalized/*`, `${BUCKET()}/rejected/*`] },
    { actions: ["sns:Publish"], resources: [topic("Pipeline"), topic("Summaries")] },
  ],
  "shard-builder": [
    { actions: ["s3:GetObject"], resources: [`${BUCKET()}/normalized/*`, `${BUCKET()}/shards/*`] },
    { actions: ["s3:PutObject"], resources: [`${BUCKET()}/shards/*`] },
    { actions: ["s3:AbortMultipartUpload"], resources: [`${BUCKET()}/shards/*`] },
    { actions: ["sns:Publish"], resources: [topic("Pipeline")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("shard-builder")] },
    {
      actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      resources: [table("ShardBuilderTable")],
    },
    {
      actions: ["dynamodb:Query"],
      resources: [
        `${table("ShardBuilderTable")}/index/pending`,
        `${table("ShardBuilderTable")}/index/deadlines`,
      ],
    },
    { actions: ["servicequotas:ListServiceQuotas"], resources: ["*"] },
  ],
  "job-submitter": [
    { actions: ["s3:GetObject"], resources: [`${BUCKET()}/shards/*`] },
    { actions: ["s3:PutObject"], resources: [`${BUCKET()}/outputs/*`] },
    { actions: ["sns:Publish"], resources: [topic("Pipeline")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("job-submitter")] },
    { actions: ["bedrock:CreateModelInvocationJob"], resources: [JOBS, ...MODELS] },
    { actions: ["bedrock:ListModelInvocationJobs"], resources: ["*"] },
    { actions: ["bedrock:GetModelInvocationJob"], resources: [JOBS] },
    { actions: ["bedrock:InvokeModel"], resources: MODELS },
    {
      actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      resources: [table("JobSubmitterTable")],
    },
    { actions: ["dynamodb:Query"], resources: [`${table("JobSubmitterTable")}/index/open`] },
    { actions: ["servicequotas:ListServiceQuotas"], resources: ["*"] },
    { actions: ["iam:PassRole"], resources: [BATCH_ROLE()], conditions: TO_BEDROCK_ONLY },
  ],
  "status-watcher": [
    { actions: ["sns:Publish"], resources: [topic("Pipeline")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("status-watcher")] },
    { actions: ["bedrock:GetModelInvocationJob"], resources: [JOBS] },
    { actions: ["bedrock:StopModelInvocationJob"], resources: [JOBS] },
    {
      actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      resources: [table("StatusWatcherTable")],
    },
    { actions: ["dynamodb:Query"], resources: [`${table("StatusWatcherTable")}/index/open`] },
  ],
  "result-publisher": [
    {
      actions: ["s3:GetObject"],
      resources: [
        `${BUCKET()}/shards/*`,
        `${BUCKET()}/outputs/*`,
        `${BUCKET()}/summaries/*`,
        `${BUCKET()}/reports/*`,
      ],
    },
    { actions: ["s3:PutObject"], resources: [`${BUCKET()}/summaries/*`, `${BUCKET()}/reports/*`] },
    {
      actions: ["s3:ListBucket"],
      resources: [BUCKET()],
      conditions: { StringLike: { "s3:prefix": ["outputs/*"] } },
    },
    { actions: ["sns:Publish"], resources: [topic("Pipeline"), topic("Summaries")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("result-publisher")] },
    {
      actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      resources: [table("ResultPublisherTable")],
    },
  ],
});

/** A condition block with every value as a list, the way IAM reads it (one value may be written bare). */
const canonical = (conditions: Statement["Condition"]) =>
  conditions &&
  Object.fromEntries(
    Object.entries(conditions).map(([operator, keys]) => [
      operator,
      Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, list(values)])),
    ]),
  );

/** One line per (action, resource, conditions): equal sets mean equal policies, however statements group. */
const pairs = (grants: Grant[]) =>
  grants
    .flatMap((g) =>
      g.actions.flatMap((a) =>
        g.resources.map(
          (r) => `${a} ${r}${g.conditions ? ` if ${JSON.stringify(canonical(g.conditions))}` : ""}`,
        ),
      ),
    )
    .sort();
const actionsIn = (grants: Grant[]) => [...new Set(grants.flatMap((g) => g.actions))].sort();

/** The function's role's inline policy, as grants: every statement an Allow (checked here). */
function grantedTo(service: ServiceName): Grant[] {
  return inlineStatementsOf(roleOf(dev, functionOf(dev, service))).map((statement) => {
    expect(statement.Effect, service).toBe("Allow");
    return {
      actions: list(statement.Action),
      resources: list(statement.Resource),
      ...(statement.Condition ? { conditions: canonical(statement.Condition) } : {}),
    };
  });
}

describe("each function's IAM policy", () => {
  it("is written out here for every service, and only for services", () => {
    expect(Object.keys(expected()).sort()).toEqual([...serviceNames].sort());
  });

  it.each(serviceNames)(
    "%s: grants exactly the table's actions on exactly its resources, and SST's consume grant on its own queue",
    (service) => {
      expect(pairs(grantedTo(service))).toEqual(pairs([...expected()[service], consumeGrant(service)]));
    },
  );

  it.each(serviceNames)("%s: attaches only SST's managed policy for writing its own logs", (service) => {
    const role = roleOf(dev, functionOf(dev, service));
    expect(role.inputs.managedPolicyArns).toEqual([LOGS_POLICY]);
    expect(role.inputs.permissionsBoundary).toBeUndefined();
    // No role policy or attachment outside the role: the batch role's policy is the one RolePolicy.
    expect(ofType(dev, TYPES.rolePolicy).map((policy) => policy.inputs.role)).not.toContain(role.state.name);
  });

  it.each(serviceNames)("%s: grants only actions its code sends, and every one it sends", (service) => {
    expect(actionsIn(expected()[service])).toEqual(actionsUsedBy(service));
  });

  it("uses `*` only for actions without resource-level permissions, never in an action", () => {
    for (const service of serviceNames) {
      for (const grant of grantedTo(service)) {
        for (const action of grant.actions) expect(action, service).not.toContain("*");
        if (grant.resources.includes("*")) {
          expect(grant.resources, `${service}: * stands alone`).toEqual(["*"]);
          for (const action of grant.actions)
            expect(Object.keys(WILDCARDS), `${service} ${action}`).toContain(action);
        }
      }
    }
    const wildcards = serviceNames.flatMap((s) => expected()[s].filter((g) => g.resources.includes("*")));
    expect([...new Set(wildcards.flatMap((g) => g.actions))].sort()).toEqual(Object.keys(WILDCARDS).sort());
  });

  it("names no table but through its owner, and no queue but its own and its own dead-letter queue", () => {
    for (const { service, table: spec } of tablesOf()) {
      const holders = serviceNames.filter((s) =>
        grantedTo(s).some((g) => g.resources.some((r) => r.startsWith(table(spec.name)))),
      );
      expect(holders, spec.name).toEqual([service]);
    }
    for (const service of serviceNames) {
      const queues = grantedTo(service)
        .flatMap((g) => g.resources)
        .filter((r) => r.startsWith("arn:aws:sqs:"));
      const own = [arnOf(queueOf(dev, service)), deadLetters(service)];
      for (const queue of queues) expect(own, service).toContain(queue);
    }
  });
});

/** The README's "What each function may do" table, as rendered from the policies written out above. */
describe("the README", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = /<!-- iam:start -->\n([\s\S]*?)\n<!-- iam:end -->/.exec(readme)?.[1] ?? "";

  const resourcesOf = (service: ServiceName, action: string) =>
    expected()
      [service].filter((g) => g.actions.includes(action))
      .flatMap((g) => g.resources);
  const prefixes = (service: ServiceName, action: string) =>
    resourcesOf(service, action)
      .map((r) => r.slice(BUCKET().length + 1, -1))
      .join(" ") || "none";
  const topicNames = Object.keys(topology) as TopicName[];
  const topics = (service: ServiceName) =>
    resourcesOf(service, "sns:Publish")
      .map((r) => topicNames.find((name) => topic(name) === r))
      .join(", ") || "none";
  function ownTable(service: ServiceName): string {
    const spec = (services[service] as ServiceSpec).table;
    if (!spec) return "none";
    const items = expected()
      [service].filter((g) => g.resources.includes(table(spec.name)))
      .flatMap((g) => g.actions.map((a) => a.replace("dynamodb:", "")));
    const indexes = resourcesOf(service, "dynamodb:Query").map((r) => r.slice(r.lastIndexOf("/") + 1));
    return `${spec.name}: ${items.join(", ")}${indexes.length ? `; Query on ${indexes.join(", ")}` : ""}`;
  }
  function described(service: ServiceName, action: string): string {
    if (action === "sqs:SendMessage") return "sqs:SendMessage on its DLQ";
    if (action === "iam:PassRole") return "iam:PassRole on the batch role";
    if (action !== "s3:ListBucket") return action;
    const grant = expected()[service].find((g) => g.actions.includes(action));
    const under = grant?.conditions?.StringLike?.["s3:prefix"] ?? [];
    return `s3:ListBucket under ${under.map((p) => p.replace(/\*$/, "")).join(" ")}`;
  }
  function others(service: ServiceName): string {
    const shown = new Set(["s3:GetObject", "s3:PutObject", "sns:Publish"]);
    const names = actionsIn(expected()[service]).filter((a) => !shown.has(a) && !a.startsWith("dynamodb:"));
    const order = (a: string) => expected()[service].findIndex((g) => g.actions.includes(a));
    return (
      names
        .sort((a, b) => order(a) - order(b))
        .map((a) => described(service, a))
        .join(", ") || "none"
    );
  }

  it.each(serviceNames)("%s: its row of the IAM table says what the policy grants", (service) => {
    const row = section.split("\n").find((line) => line.startsWith(`| \`${service}\` |`));
    expect(row, `README row for ${service}`).toBeDefined();
    const cells = (row ?? "")
      .split("|")
      .slice(2, 7)
      .map((cell) => cell.trim());
    expect(cells).toEqual([
      prefixes(service, "s3:GetObject"),
      prefixes(service, "s3:PutObject"),
      topics(service),
      ownTable(service),
      others(service),
    ]);
  });

  it("names every `*` grant, and no other, where it explains them", () => {
    const sentence = /(\w+) grants are on `\*`[^\n]*(?:\n(?!\n)[^\n]*)*/.exec(section)?.[0] ?? "";
    expect(sentence).not.toBe("");
    const named = [...sentence.matchAll(/`(\w+:\w+)`/g)].map((m) => m[1]);
    expect([...new Set(named)].sort()).toEqual(Object.keys(WILDCARDS).sort());
    const count =
      ["One", "Two", "Three", "Four"].indexOf(/(\w+) grants are on/.exec(sentence)?.[1] ?? "") + 1;
    expect(count).toBe(Object.keys(WILDCARDS).length);
  });
});
