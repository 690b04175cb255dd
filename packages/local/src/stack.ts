import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { JobTiming } from "@recap/bedrock-local/config";
import type { ModelBackend } from "@recap/bedrock-local/models/backend";
import { type BedrockLocal, startBedrockLocal } from "@recap/bedrock-local/server";
import { queueName, type ServiceName, type ServiceSpec, serviceNames, services } from "@recap/shared";
import { ENDPOINTS_FILE, type Endpoints } from "./endpoints.ts";
import { startLoopbackFauxqs } from "./loopback-fauxqs.ts";
import { type LocalPlan, localPlan } from "./plan.ts";
import { type ProvisionedResources, provision } from "./provision.ts";
import { resourceEnvironment } from "./resource-env.ts";
import { type LogSink, WorkerPool } from "./workers.ts";

export const LOCAL_REGION = "us-east-1";
/** Any credentials do; fixed ones keep endpoints.json copy-pasteable. Frozen: SDK clients annotate what they get. */
export const LOCAL_CREDENTIALS = Object.freeze({ accessKeyId: "test", secretAccessKey: "test" });

export interface LocalStackOptions {
  /** State directory: emulator data (so a restart loses nothing) and endpoints.json. */
  dir: string;
  /** 0 picks a free port. */
  port: number;
  /** The local Bedrock's port; 0 picks a free one. */
  bedrockPort?: number;
  /** How long the local Bedrock's job phases take; `{ scale: 0 }` runs jobs as fast as possible. */
  bedrockTiming?: Partial<JobTiming>;
  /** The local Bedrock's model; the offline summarizer by default. */
  bedrockBackend?: ModelBackend;
  stage?: string;
  bucket?: string;
  /** Which workers to run; all five by default. */
  services?: readonly ServiceName[];
  /** Tests shorten redelivery; the structure of the topology is never overridden. */
  visibilityTimeoutSeconds?: number;
  log?: LogSink;
}

export interface LocalStack {
  endpoints: Endpoints;
  resources: ProvisionedResources;
  workers: WorkerPool;
  bedrock: BedrockLocal;
  stop(): Promise<void>;
}

/** Emulators up, topology provisioned, endpoints.json written, every worker polling. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stage = options.stage ?? "local";
  await mkdir(options.dir, { recursive: true });
  const fauxqs = await startLoopbackFauxqs({ port: options.port, dataDir: path.join(options.dir, "fauxqs") });
  const endpoint = `http://127.0.0.1:${fauxqs.port}`;
  const clientConfig = { region: LOCAL_REGION, endpoint, credentials: { ...LOCAL_CREDENTIALS } };
  const clients = {
    s3: new S3Client({ ...clientConfig, forcePathStyle: true }),
    sns: new SNSClient(clientConfig),
    sqs: new SQSClient(clientConfig),
  };
  const plan = localPlan(
    options.visibilityTimeoutSeconds ? { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds } : {},
  );
  const resources = await provision(plan, options.bucket ?? `recap-${stage}-store`, clients);
  const bedrock = await startLocalBedrock(options, plan, resources, clients);
  const endpoints: Endpoints = {
    region: LOCAL_REGION,
    endpoint,
    bedrockEndpoint: bedrock.endpoint,
    credentials: { ...LOCAL_CREDENTIALS },
    bucket: resources.bucket,
    topics: resources.topics,
    queues: Object.fromEntries(Object.entries(resources.queues).map(([name, q]) => [name, q.url])),
  };
  await writeFile(path.join(options.dir, ENDPOINTS_FILE), `${JSON.stringify(endpoints, null, 2)}\n`);

  const workerEnv = (service: ServiceName): Record<string, string> => {
    const queue = resources.queues[queueName(service)];
    if (!queue) throw new Error(`no queue provisioned for ${service}`);
    return {
      PATH: process.env.PATH ?? "",
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_ENDPOINT_URL_SNS: endpoint,
      AWS_ENDPOINT_URL_S3: endpoint,
      ...(usesBedrock(service)
        ? { AWS_ENDPOINT_URL_BEDROCK: bedrock.endpoint, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.endpoint }
        : {}),
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "INFO",
      RECAP_QUEUE_URL: queue.url,
      RECAP_QUEUE_ARN: queue.arn,
      ...resourceEnvironment(service, resources, stage),
    };
  };
  const workers = new WorkerPool(workerEnv, options.log ?? (() => {}));
  const schedules = startPollSchedules(plan, resources, clients.sqs);
  try {
    await Promise.all((options.services ?? serviceNames).map((service) => workers.start(service)));
  } catch (error) {
    schedules.forEach(clearInterval);
    await workers.stopAll();
    await bedrock.stop();
    await fauxqs.stop();
    throw error;
  }

  return {
    endpoints,
    resources,
    workers,
    bedrock,
    async stop() {
      schedules.forEach(clearInterval);
      await workers.stopAll();
      await bedrock.stop();
      for (const client of Object.values(clients)) client.destroy();
      await fauxqs.stop();
    },
  };
}

function usesBedrock(service: ServiceName): boolean {
  const spec: ServiceSpec = services[service];
  return spec.bedrock.length > 0;
}

/**
 * The local Bedrock reads and writes the emulator's S3, and its job state changes go where the topology
 * routes EventBridge's: the queues of the services that watch jobs.
 */
function startLocalBedrock(
  options: LocalStackOptions,
  plan: LocalPlan,
  resources: ProvisionedResources,
  clients: { s3: S3Client; sqs: SQSClient },
): Promise<BedrockLocal> {
  const targets = plan.queues
    .filter((q) => q.bedrockJobStateChanges)
    .map((q) => resources.queues[q.name]?.url);
  return startBedrockLocal({
    port: options.bedrockPort ?? 0,
    s3: clients.s3,
    region: LOCAL_REGION,
    ...(options.bedrockTiming ? { timing: options.bedrockTiming } : {}),
    ...(options.bedrockBackend ? { backend: options.bedrockBackend } : {}),
    deliverStateChange: async (event) => {
      for (const url of targets) {
        await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(event) }));
      }
    },
    onDeliveryError: (error) =>
      options.log?.("status-watcher", `state-change event not delivered: ${String(error)}`),
  });
}

/**
 * The safety-net poll that EventBridge Scheduler sends on AWS: the same "Scheduled Event" shape, on the
 * same cadence, into the same queue.
 */
function startPollSchedules(
  plan: LocalPlan,
  resources: ProvisionedResources,
  sqs: SQSClient,
): NodeJS.Timeout[] {
  return plan.queues.flatMap((queue) => {
    const target = resources.queues[queue.name];
    if (!queue.pollEveryMinutes || !target) return [];
    const timer = setInterval(() => {
      const now = new Date().toISOString();
      const tick = {
        version: "0",
        id: crypto.randomUUID(),
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "000000000000",
        time: now,
        region: LOCAL_REGION,
        resources: [`arn:aws:events:${LOCAL_REGION}:000000000000:rule/${queue.service}-poll`],
        detail: {},
      };
      void sqs
        .send(new SendMessageCommand({ QueueUrl: target.url, MessageBody: JSON.stringify(tick) }))
        .catch(() => {});
    }, queue.pollEveryMinutes * 60_000);
    timer.unref();
    return [timer];
  });
}
