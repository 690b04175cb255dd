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

/** Bedrock actions that accept a batch-job ARN; the others (List, Create, Invoke) need `*`. */
const JOB_SCOPED: readonly BedrockAction[] = [
  "bedrock:GetModelInvocationJob",
  "bedrock:StopModelInvocationJob",
];
const jobArns = $interpolate`arn:${partition}:bedrock:${region}:${accountId}:model-invocation-job/*`;

function tablePermission(table: TableSpec): Permission {
  const arn = tableOf(table.name).arn;
  return { actions: [...table.actions], resources: [arn, $interpolate`${arn}/index/*`] };
}

/** The IAM statements a service needs, derived from its topology entry and nothing else. */
export function permissionsOf(service: ServiceName): Permission[] {
  const spec: ServiceSpec = services[service];
  const published = topicsPublishedBy(service);
  const jobScoped = spec.bedrock.filter((action) => JOB_SCOPED.includes(action));
  const unscoped = spec.bedrock.filter((action) => !JOB_SCOPED.includes(action));
  return [
    // No ListBucket: keys are derived from ids, never discovered. (A missing key reads as 403, not 404.)
    ...(spec.store.read.length > 0
      ? [{ actions: ["s3:GetObject"], resources: spec.store.read.map(objectsUnder) }]
      : []),
    ...(spec.store.write.length > 0
      ? [{ actions: ["s3:PutObject"], resources: spec.store.write.map(objectsUnder) }]
      : []),
    ...(published.length > 0
      ? [{ actions: ["sns:Publish"], resources: published.map((t) => topics[t].arn) }]
      : []),
    // The handler parks poison messages in its own dead-letter queue instead of retrying them.
    { actions: ["sqs:SendMessage"], resources: [deadLetters[service].arn] },
    ...(jobScoped.length > 0 ? [{ actions: [...jobScoped], resources: [jobArns] }] : []),
    // ListModelInvocationJobs and CreateModelInvocationJob have no job ARN to scope to (Create also
    // authorizes the model or inference profile, which may live in other regions).
    ...(unscoped.length > 0 ? [{ actions: [...unscoped], resources: ["*"] }] : []),
    // Its own table and that table's indexes only; no service sees another's state.
    ...(spec.table ? [tablePermission(spec.table)] : []),
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
