import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TopicName } from "@recap/shared/envelope";
import {
  deadLetterName,
  jobNamePrefix,
  queueName,
  type ServiceName,
  serviceNames,
  topicNames,
} from "@recap/shared/topology";
import { z } from "zod";
import { ENDPOINTS_FILE, readEndpoints } from "../endpoints.ts";
import type { LambdaLimitsRecord } from "../lambda-limits/limits-text.ts";

/**
 * Where a CLI command acts: the local stack in a state directory (its endpoints.json), or a deployed stage
 * (SST's outputs, AWS credentials from the usual chain). Everything a command needs, by Recap's names.
 */
export interface Target {
  /** For messages: "the local stack in .recap" or "stage prod". */
  label: string;
  stage: string;
  region: string;
  /** Client settings for SQS, SNS, S3 and (locally) DynamoDB, Bedrock and Service Quotas; empty endpoints on AWS. */
  aws: ClientSettings;
  dynamodb: ClientSettings;
  bedrock: ClientSettings;
  serviceQuotas: ClientSettings;
  topics: Record<TopicName, string>;
  queues: Record<ServiceName, { queue: string; deadLetters: string }>;
  bucket: string;
  tables: Record<string, string>;
  jobNamePrefix: string;
  /** A local stack started with `--lambda-limits`: whether its workers run within Lambda's limits. */
  lambdaLimits?: LambdaLimitsRecord;
}

export interface ClientSettings {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export class TargetNotFoundError extends Error {
  override readonly name = "TargetNotFoundError";
}

export interface TargetOptions {
  /** The local stack's state directory (default .recap). */
  dir?: string;
  /** A deployed stage: its names come from SST's outputs (`.sst/outputs.json`, or `outputs`). */
  stage?: string;
  outputs?: string;
}

export async function resolveTarget(options: TargetOptions): Promise<Target> {
  if (options.stage) return stageTarget(options.stage, options.outputs ?? path.join(".sst", "outputs.json"));
  return localTarget(options.dir ?? ".recap");
}

async function localTarget(dir: string): Promise<Target> {
  const file = path.join(dir, ENDPOINTS_FILE);
  if (!existsSync(file))
    throw new TargetNotFoundError(
      `no local stack in ${dir} (${file} is missing): start one with \`npx recap dev\`, or name a deployed stage with --stage`,
    );
  const local = await readEndpoints(dir);
  const settings = { region: local.region, credentials: local.credentials };
  return {
    label: `the local stack in ${dir}`,
    stage: local.stage,
    region: local.region,
    aws: { ...settings, endpoint: local.endpoint },
    dynamodb: { ...settings, endpoint: local.dynamodbEndpoint },
    bedrock: { ...settings, endpoint: local.bedrockEndpoint },
    serviceQuotas: { ...settings, endpoint: local.serviceQuotasEndpoint },
    topics: pick(topicNames, (name) => local.topics[name], file),
    queues: queuesFrom((name) => local.queues[name], file),
    bucket: local.bucket,
    tables: local.tables,
    jobNamePrefix: jobNamePrefix(local.stage),
    ...(local.lambdaLimits ? { lambdaLimits: local.lambdaLimits } : {}),
  };
}

/** What packages/infra's outputs() returns: names by link name, the stage among them. */
const outputsSchema = z.looseObject({ stage: z.string(), bucket: z.string() });

async function stageTarget(stage: string, file: string): Promise<Target> {
  if (!existsSync(file))
    throw new TargetNotFoundError(
      `no outputs for stage ${stage}: ${file} is missing. SST writes it on every successful \`npx sst deploy --stage ${stage}\`; run that here, or pass --outputs <file>`,
    );
  const outputs = outputsSchema.parse(JSON.parse(await readFile(file, "utf8")));
  if (outputs.stage !== stage)
    throw new TargetNotFoundError(
      `${file} holds stage ${outputs.stage}'s outputs, not ${stage}'s: SST keeps the last deploy's; run \`npx sst deploy --stage ${stage}\` or pass --outputs <file>`,
    );
  const value = (key: string) => (typeof outputs[key] === "string" ? (outputs[key] as string) : undefined);
  const topics = pick(topicNames, (name) => value(`${name}TopicArn`), file);
  // A topic ARN names its region (arn:aws:sns:<region>:…): the stage is where it was deployed.
  const region = topics.Transcripts.split(":")[3] ?? "";
  return {
    label: `stage ${stage}`,
    stage,
    region,
    aws: { region },
    dynamodb: { region },
    bedrock: { region },
    serviceQuotas: { region },
    topics,
    queues: queuesFrom(value, file),
    bucket: outputs.bucket,
    tables: Object.fromEntries(
      Object.entries(outputs).filter(([key, v]) => key.endsWith("Table") && typeof v === "string"),
    ) as Record<string, string>,
    jobNamePrefix: jobNamePrefix(stage),
  };
}

function queuesFrom(
  lookup: (name: string) => string | undefined,
  file: string,
): Record<ServiceName, { queue: string; deadLetters: string }> {
  return pick(
    serviceNames,
    (service) => {
      const queue = lookup(queueName(service));
      const deadLetters = lookup(deadLetterName(service));
      return queue && deadLetters ? { queue, deadLetters } : undefined;
    },
    file,
  );
}

function pick<K extends string, V>(keys: readonly K[], lookup: (key: K) => V | undefined, file: string) {
  const missing = keys.filter((key) => lookup(key) === undefined);
  if (missing.length > 0)
    throw new TargetNotFoundError(`${file} does not name ${missing.join(", ")}: is it Recap's, and current?`);
  return Object.fromEntries(keys.map((key) => [key, lookup(key)])) as Record<K, V>;
}
