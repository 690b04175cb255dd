import { readFileSync } from "node:fs";
import { type ServiceName, type ServiceSpec, serviceNames, services, tablesOf } from "@recap/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { actionsUsedBy } from "./sdk-actions.ts";
import { ACCOUNT, buildInfra, REGION, type Recording, resolve } from "./stand-in.ts";

/**
 * Each function's IAM policy, written out by hand and compared for equality with what the infra grants: a
 * grant added, dropped or widened anywhere (topology, links.ts, the models in recap.config.ts) fails here,
 * and so does a grant the service's code never uses. Names are the stand-in's physical names.
 */

const BUCKET = "arn:aws:s3:::storebucket-physical";
const topic = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}Topic-physical`;
const deadLetters = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}DeadLettersQueue-physical`;
const table = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}Dynamo-physical`;
const JOBS = `arn:aws:bedrock:${REGION}:${ACCOUNT}:model-invocation-job/*`;
// The models recap.config.ts's profiles name: Claude 3 Haiku and Nova Lite, by foundation-model id.
const MODELS = [
  `arn:aws:bedrock:${REGION}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
  `arn:aws:bedrock:${REGION}::foundation-model/amazon.nova-lite-v1:0`,
];
const BATCH_ROLE = `arn:aws:iam::${ACCOUNT}:role/BatchInferenceRole-physical`;
const TO_BEDROCK_ONLY = {
  test: "StringEquals",
  variable: "iam:PassedToService",
  values: ["bedrock.amazonaws.com"],
};

interface Grant {
  actions: string[];
  resources: string[];
  conditions?: object[];
}

/**
 * The `*` grants, each because the Service Authorization Reference lists no resource type for the action:
 * IAM then accepts only `*` for it.
 */
const WILDCARDS: Record<string, string> = {
  "servicequotas:ListServiceQuotas": "lists a service's quotas; there is no quota ARN to name",
  "bedrock:ListModelInvocationJobs": "lists the account's jobs; there is no job to name before it is found",
};

const EXPECTED: Record<ServiceName, Grant[]> = {
  "ingest-normalizer": [
    {
      actions: ["s3:GetObject"],
      resources: [`${BUCKET}/raw/*`, `${BUCKET}/normalized/*`, `${BUCKET}/rejected/*`],
    },
    { actions: ["s3:PutObject"], resources: [`${BUCKET}/normalized/*`, `${BUCKET}/rejected/*`] },
    { actions: ["sns:Publish"], resources: [topic("Pipeline"), topic("Summaries")] },
  ],
  "shard-builder": [
    { actions: ["s3:GetObject"], resources: [`${BUCKET}/normalized/*`, `${BUCKET}/shards/*`] },
    { actions: ["s3:PutObject"], resources: [`${BUCKET}/shards/*`] },
    { actions: ["s3:AbortMultipartUpload"], resources: [`${BUCKET}/shards/*`] },
    { actions: ["sns:Publish"], resources: [topic("Pipeline")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("ShardBuilder")] },
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
    { actions: ["s3:GetObject"], resources: [`${BUCKET}/shards/*`] },
    { actions: ["s3:PutObject"], resources: [`${BUCKET}/outputs/*`] },
    { actions: ["sns:Publish"], resources: [topic("Pipeline")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("JobSubmitter")] },
    { actions: ["bedrock:CreateModelInvocationJob"], resources: [JOBS, ...MODELS] },
    { actions: ["bedrock:ListModelInvocationJobs"], resources: ["*"] },
    { actions: ["bedrock:GetModelInvocationJob"], resources: [JOBS] },
    { actions: ["bedrock:InvokeModel"], resources: MODELS },
    {
      actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      resources: [table("JobSubmitterTable")],
    },
    { actions: ["dynamodb:Query"], resources: [`${table("JobSubmitterTable")}/index/open`] },
    { actions: ["servicequotas:ListServiceQuotas"], resources: ["*"] },
    { actions: ["iam:PassRole"], resources: [BATCH_ROLE], conditions: [TO_BEDROCK_ONLY] },
  ],
  "status-watcher": [
    { actions: ["sns:Publish"], resources: [topic("Pipeline")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("StatusWatcher")] },
    { actions: ["bedrock:GetModelInvocationJob"], resources: [JOBS] },
    { actions: ["bedrock:StopModelInvocationJob"], resources: [JOBS] },
    {
      actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      resources: [table("StatusWatcherTable")],
    },
    { actions: ["dynamodb:Query"], resources: [`${table("StatusWatcherTable")}/index/open`] },
  ],
  "result-publisher": [
    {
      actions: ["s3:GetObject"],
      resources: [
        `${BUCKET}/shards/*`,
        `${BUCKET}/outputs/*`,
        `${BUCKET}/summaries/*`,
        `${BUCKET}/reports/*`,
      ],
    },
    { actions: ["s3:PutObject"], resources: [`${BUCKET}/summaries/*`, `${BUCKET}/reports/*`] },
    {
      actions: ["s3:ListBucket"],
      resources: [BUCKET],
      conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["outputs/*"] }],
    },
    { actions: ["sns:Publish"], resources: [topic("Pipeline"), topic("Summaries")] },
    { actions: ["sqs:SendMessage"], resources: [deadLetters("ResultPublisher")] },
    {
      actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      resources: [table("ResultPublisherTable")],
    },
  ],
};

/** One line per (action, resource, conditions): equal sets mean equal policies, however statements group. */
const pairs = (grants: Grant[]) =>
  grants
    .flatMap((g) =>
      g.actions.flatMap((a) =>
        g.resources.map((r) => `${a} ${r}${g.conditions ? ` if ${JSON.stringify(g.conditions)}` : ""}`),
      ),
    )
    .sort();
const actionsIn = (grants: Grant[]) => [...new Set(grants.flatMap((g) => g.actions))].sort();

let recording: Recording;
beforeAll(async () => {
  recording = (await buildInfra({ stage: "dev" })).recording;
});

/** What the infra passed as the function's `permissions`, the only grants it writes (see the README). */
function grantedTo(service: ServiceName): Grant[] {
  const calls = recording
    .callsOf("sst.aws.Queue", "subscribe")
    .filter((call) => (resolve(call.args[0]) as { handler: string }).handler === services[service].handler);
  expect(calls, `${service} has one function`).toHaveLength(1);
  return (resolve(calls[0]?.args[0]) as { permissions: Grant[] }).permissions;
}

describe("each function's IAM policy", () => {
  it("is written out here for every service, and only for services", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...serviceNames].sort());
  });

  it.each(serviceNames)("%s: grants exactly the table's actions on exactly its resources", (service) => {
    expect(pairs(grantedTo(service))).toEqual(pairs(EXPECTED[service]));
  });

  it.each(serviceNames)("%s: grants only actions its code sends, and every one it sends", (service) => {
    expect(actionsIn(EXPECTED[service])).toEqual(actionsUsedBy(service));
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
    const wildcards = serviceNames.flatMap((s) => EXPECTED[s].filter((g) => g.resources.includes("*")));
    expect([...new Set(wildcards.flatMap((g) => g.actions))].sort()).toEqual(Object.keys(WILDCARDS).sort());
  });

  it("names no table but through its owner", () => {
    for (const { service, table: spec } of tablesOf()) {
      const holders = serviceNames.filter((s) =>
        EXPECTED[s].some((g) => g.resources.some((r) => r.startsWith(table(spec.name)))),
      );
      expect(holders, spec.name).toEqual([service]);
    }
  });
});

/** The README's "What each function may do" table, as rendered from EXPECTED. */
describe("the README", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = /<!-- iam:start -->\n([\s\S]*?)\n<!-- iam:end -->/.exec(readme)?.[1] ?? "";

  const resourcesOf = (service: ServiceName, action: string) =>
    EXPECTED[service].filter((g) => g.actions.includes(action)).flatMap((g) => g.resources);
  const prefixes = (service: ServiceName, action: string) =>
    resourcesOf(service, action)
      .map((r) => r.slice(BUCKET.length + 1, -1))
      .join(" ") || "none";
  const topics = (service: ServiceName) =>
    resourcesOf(service, "sns:Publish")
      .map((r) => /:(\w+)Topic-physical$/.exec(r)?.[1])
      .join(", ") || "none";
  function ownTable(service: ServiceName): string {
    const spec = (services[service] as ServiceSpec).table;
    if (!spec) return "none";
    const items = EXPECTED[service]
      .filter((g) => g.resources.includes(table(spec.name)))
      .flatMap((g) => g.actions.map((a) => a.replace("dynamodb:", "")));
    const indexes = resourcesOf(service, "dynamodb:Query").map((r) => r.slice(r.lastIndexOf("/") + 1));
    return `${spec.name}: ${items.join(", ")}${indexes.length ? `; Query on ${indexes.join(", ")}` : ""}`;
  }
  function described(service: ServiceName, action: string): string {
    if (action === "sqs:SendMessage") return "sqs:SendMessage on its DLQ";
    if (action === "iam:PassRole") return "iam:PassRole on the batch role";
    if (action !== "s3:ListBucket") return action;
    const grant = EXPECTED[service].find((g) => g.actions.includes(action));
    const under = (grant?.conditions as { values: string[] }[] | undefined)?.flatMap((c) => c.values) ?? [];
    return `s3:ListBucket under ${under.map((p) => p.replace(/\*$/, "")).join(" ")}`;
  }
  function others(service: ServiceName): string {
    const shown = new Set(["s3:GetObject", "s3:PutObject", "sns:Publish"]);
    const names = actionsIn(EXPECTED[service]).filter((a) => !shown.has(a) && !a.startsWith("dynamodb:"));
    const order = (a: string) => EXPECTED[service].findIndex((g) => g.actions.includes(a));
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
