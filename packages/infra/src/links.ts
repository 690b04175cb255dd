import type { TopicName } from "@recap/shared/envelope";
import {
  BATCH_ROLE,
  type BedrockAction,
  deadLetterName,
  type ServiceName,
  type ServiceSpec,
  STORE,
  serviceNames,
  services,
  type TableSpec,
  tablesOf,
  topicsPublishedBy,
} from "@recap/shared/topology";
import { accountId, partition, region } from "./account.ts";
import { batchRole } from "./batch-role.ts";
import { deployedModelIds, modelArns } from "./models.ts";
import { deadLetters } from "./queues.ts";
import { bucket, objectsUnder } from "./storage.ts";
import { tableOf } from "./tables.ts";
import { topicNames, topics } from "./topics.ts";

/**
 * Links carry properties only. Linking SST's own components would also grant `s3:*`, `sns:*`, `sqs:*`
 * and `dynamodb:*` on them; each function instead gets exactly the permissions its topology entry implies.
 */
export const linkables: Record<string, sst.Linkable<Record<string, $util.Output<string>>>> = {
  [STORE]: new sst.Linkable(STORE, { properties: { name: bucket.name } }),
  ...Object.fromEntries(
    topicNames.map((topic: TopicName) => [
      topic,
      new sst.Linkable(topic, { properties: { arn: topics[topic].arn } }),
    ]),
  ),
  ...Object.fromEntries(
    serviceNames.map((service) => [
      deadLetterName(service),
      new sst.Linkable(deadLetterName(service), { properties: { url: deadLetters[service].url } }),
    ]),
  ),
  ...Object.fromEntries(
    tablesOf().map(({ table }) => [
      table.name,
      new sst.Linkable(table.name, { properties: { name: tableOf(table.name).name } }),
    ]),
  ),
  [BATCH_ROLE]: new sst.Linkable(BATCH_ROLE, { properties: { arn: batchRole.arn } }),
};

export function linkable(name: string): sst.Linkable<Record<string, $util.Output<string>>> {
  const found = linkables[name];
  if (!found) throw new Error(`No linkable named "${name}": the topology and links.ts disagree`);
  return found;
}

type Permission = sst.aws.FunctionPermissionArgs;

const jobArns = $interpolate`arn:${partition}:bedrock:${region}:${accountId}:model-invocation-job/*`;

/**
 * Bedrock's actions on the resources IAM checks for each. A batch job is authorized on the job and on its
 * model; an invocation (InvokeModel, and Converse, which IAM checks as InvokeModel) on its model. Only
 * ListModelInvocationJobs has no resource type at all, so `*` is the one resource it accepts.
 */
function bedrockPermissions(actions: readonly BedrockAction[]): Permission[] {
  const models = deployedModelIds.flatMap((id) => modelArns(id));
  const resourcesOf = (action: BedrockAction) => {
    switch (action) {
      case "bedrock:GetModelInvocationJob":
      case "bedrock:StopModelInvocationJob":
        return [jobArns];
      case "bedrock:CreateModelInvocationJob":
        return [jobArns, ...models];
      case "bedrock:InvokeModel":
        return models;
      case "bedrock:ListModelInvocationJobs":
        return ["*"];
    }
  };
  return actions.map((action) => ({ actions: [action], resources: resourcesOf(action) }));
}

/**
 * Item reads and writes on the table itself; Query on the indexes only, since every query names one, and
 * IAM authorizes a query on an index by the index's ARN.
 */
function tablePermissions(table: TableSpec): Permission[] {
  const arn = tableOf(table.name).arn;
  const itemActions = table.actions.filter((action) => action !== "dynamodb:Query");
  const indexes = Object.keys(table.indexes);
  return [
    { actions: [...itemActions], resources: [arn] },
    ...(table.actions.includes("dynamodb:Query") && indexes.length > 0
      ? [
          {
            actions: ["dynamodb:Query"],
            resources: indexes.map((index) => $interpolate`${arn}/index/${index}`),
          },
        ]
      : []),
  ];
}

/** The IAM statements a service needs, derived from its topology entry and nothing else. */
export function permissionsOf(service: ServiceName): Permission[] {
  const spec: ServiceSpec = services[service];
  const published = topicsPublishedBy(service);
  const aborted = spec.store.abortsUploads ?? [];
  const listed = spec.store.lists ?? [];
  return [
    // Keys are derived from ids, so reads need no ListBucket, and a missing key reads as 403, not 404.
    // GetObject also authorizes HeadObject; PutObject also authorizes each step of a multipart upload.
    ...(spec.store.read.length > 0
      ? [{ actions: ["s3:GetObject"], resources: spec.store.read.map(objectsUnder) }]
      : []),
    ...(spec.store.write.length > 0
      ? [{ actions: ["s3:PutObject"], resources: spec.store.write.map(objectsUnder) }]
      : []),
    ...(aborted.length > 0
      ? [{ actions: ["s3:AbortMultipartUpload"], resources: aborted.map(objectsUnder) }]
      : []),
    // Listing only where a service must discover keys, and only under those prefixes.
    ...(listed.length > 0
      ? [
          {
            actions: ["s3:ListBucket"],
            resources: [bucket.arn],
            conditions: [{ test: "StringLike", variable: "s3:prefix", values: listed.map((p) => `${p}*`) }],
          },
        ]
      : []),
    ...(published.length > 0
      ? [{ actions: ["sns:Publish"], resources: published.map((t) => topics[t].arn) }]
      : []),
    // The handler parks poison messages in its own dead-letter queue instead of retrying them.
    ...(spec.parksPoison ? [{ actions: ["sqs:SendMessage"], resources: [deadLetters[service].arn] }] : []),
    ...bedrockPermissions(spec.bedrock),
    // Its own table and that table's indexes only; no service sees another's state.
    ...(spec.table ? tablePermissions(spec.table) : []),
    // ListServiceQuotas has no resource-level permissions: `*` is the only resource it accepts.
    ...(spec.readsQuotas ? [{ actions: ["servicequotas:ListServiceQuotas"], resources: ["*"] }] : []),
    ...(spec.passesBatchRole
      ? [
          {
            actions: ["iam:PassRole"],
            resources: [batchRole.arn],
            conditions: [
              { test: "StringEquals", variable: "iam:PassedToService", values: ["bedrock.amazonaws.com"] },
            ],
          },
        ]
      : []),
  ];
}
