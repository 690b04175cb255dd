import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { JobTiming } from "@recap/bedrock-local/config";
import type { ModelBackend } from "@recap/bedrock-local/models/backend";
import { type BedrockLocal, startBedrockLocal } from "@recap/bedrock-local/server";
import { type RecapConfig, type ServiceName, serviceNames } from "@recap/shared";
import { bundleHandlers, type HandlerBundle } from "./bundle/bundle-handlers.ts";
import { type ConfigOverrides, localConfig } from "./config-overrides.ts";
import { ENDPOINTS_FILE, type Endpoints } from "./endpoints.ts";
import { startFlakyS3 } from "./flaky-s3.ts";
import { createSlotGroups, type LambdaLimitsOutcome } from "./lambda-limits/slot-groups.ts";
import { startLifecycleSweeps } from "./lifecycle/sweep-schedule.ts";
import { startLoopbackFauxqs } from "./loopback-fauxqs.ts";
import { type LocalPlan, localPlan } from "./plan.ts";
import { type ProvisionedResources, provision } from "./provision.ts";
import { startTicks } from "./schedules.ts";
import { appliedFromModels } from "./service-quotas/applied-values.ts";
import { type ServiceQuotasLocal, startServiceQuotasLocal } from "./service-quotas/server.ts";
import { startStrictLocalDynamo } from "./strict/local-dynamo.ts";
import { startStrictSns } from "./strict/strict-sns.ts";
import { workerEnvironment } from "./worker-env.ts";
import { type LogSink, WorkerPool } from "./workers.ts";

export const LOCAL_REGION = "us-east-1";
/** Any credentials do; fixed ones keep endpoints.json copy-pasteable. Frozen: SDK clients annotate what they get. */
export const LOCAL_CREDENTIALS = Object.freeze({ accessKeyId: "test", secretAccessKey: "test" });

export interface LocalStackOptions {
  /** State directory: emulator data (so a restart loses nothing) and endpoints.json. */
  dir: string;
  /**
   * The SQS/SNS/S3 endpoint's port (the strict SNS front's, fauxqs then on a free internal one); 0 picks a
   * free one.
   */
  port: number;
  /** The local Bedrock's port; 0 (the default) picks a free one. */
  bedrockPort?: number;
  /** The local DynamoDB's port (its strict front; dynalite listens on an internal one); 0 (the default) picks a free one. */
  dynamodbPort?: number;
  /**
   * How long a table write takes to reach its global secondary indexes, which AWS keeps eventually consistent:
   * 1,000 ms by default; 0 makes index reads see every write at once. `recap dev --index-lag-ms`.
   */
  indexLagMs?: number;
  /** The share of BatchGetItem keys answered as UnprocessedKeys, as AWS may at any time; none by default. */
  unprocessedKeysRate?: number;
  /** The local Service Quotas' port; 0 (the default) picks a free one. */
  serviceQuotasPort?: number;
  /**
   * A Service Quotas endpoint every service reads instead of a local one, which is then not started: an
   * account's own quotas (or a test's) while the local Bedrock enforces the configuration's.
   * `recap dev --service-quotas-endpoint`.
   */
  serviceQuotasEndpoint?: string;
  /** How long the local Bedrock's job phases take; `{ scale: 0 }` runs jobs as fast as possible. */
  bedrockTiming?: Partial<JobTiming>;
  /** The local Bedrock's model; the offline summarizer by default. */
  bedrockBackend?: ModelBackend;
  stage?: string;
  bucket?: string;
  /** Which services to run; all five by default. */
  services?: readonly ServiceName[];
  /** Instances per service instead of the topology's concurrency. */
  concurrency?: number;
  /** Every tick at this interval instead of the topology's local one. */
  tickEverySeconds?: number;
  /** Tests shorten redelivery; the structure of the topology is never overridden. */
  visibilityTimeoutSeconds?: number;
  /** The share of the workers' S3 requests answered 500 or 503 (an S3 having a bad moment); none by default. */
  s3ErrorRate?: number;
  /** Overrides of `recap.config.ts` (over its `local` section), for every worker and the local Bedrock. */
  config?: ConfigOverrides;
  /**
   * Run every worker from its esbuild bundle, built as SST builds the Lambda's (into `<dir>/bundles`),
   * instead of from the TypeScript source. `recap dev --bundled`.
   */
  bundled?: boolean;
  /**
   * Run each worker within its function's Lambda memory and a CPU share of memoryMb / 1769 cores, through
   * cgroups (`recap dev --lambda-limits`). Where cgroups cannot be used the stack runs unlimited and says why.
   */
  lambdaLimits?: boolean;
  /**
   * How often the bucket's lifecycle rules are applied on the emulated clock (`recap lifecycle advance`
   * moves it); 10 s by default.
   */
  lifecycleSweepEverySeconds?: number;
  log?: StackLogSink;
}

/** Worker lines by service, and the stack's own S3 lifecycle sweeps. */
export type StackLogSink = (source: ServiceName | "s3-lifecycle", line: string) => void;

export interface LocalStack {
  endpoints: Endpoints;
  resources: ProvisionedResources;
  /** The configuration every worker runs with. */
  config: RecapConfig;
  workers: WorkerPool;
  bedrock: BedrockLocal;
  /** BatchGetItem keys the local DynamoDB answered as unprocessed (`unprocessedKeysRate`). */
  unprocessedKeys(): number;
  /** The local Service Quotas; absent when `serviceQuotasEndpoint` names another. */
  serviceQuotas?: ServiceQuotasLocal;
  /** What the workers run, when started `bundled`. */
  bundles?: HandlerBundle[];
  /** Whether `lambdaLimits` was applied, and if not, why; absent when not asked for. */
  lambdaLimits?: LambdaLimitsOutcome;
  stop(): Promise<void>;
}

/** Emulators up, topology provisioned, endpoints.json written, every worker polling. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stage = options.stage ?? "local";
  const log = options.log ?? (() => {});
  // Before anything starts: a bad override is the caller's error, not five workers' crash loop.
  const config = localConfig(options.config);
  const plan = localPlan({
    ...(options.visibilityTimeoutSeconds
      ? { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds }
      : {}),
    ...(options.tickEverySeconds ? { tickEverySeconds: options.tickEverySeconds } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  // Everything started so far, stopped in reverse order, whether start-up fails half-way or stop() is called.
  const started: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of started.splice(0).reverse()) await stop();
  };
  const running = new Set(options.services ?? serviceNames);
  try {
    await mkdir(options.dir, { recursive: true });
    // First: code that does not bundle is the caller's error, found before anything is started.
    const bundles = options.bundled
      ? await bundleHandlers(path.join(options.dir, "bundles"), [...running])
      : undefined;
    // Behind the strict SNS front, which holds SNS to AWS's limits, fauxqs is internal: the public port is the front's.
    // Always on: it costs no measurable time, so no flag turns it off.
    const fauxqs = await startLoopbackFauxqs({ port: 0, dataDir: path.join(options.dir, "fauxqs") });
    started.push(() => fauxqs.stop());
    const snsFront = await startStrictSns({ target: `http://127.0.0.1:${fauxqs.port}`, port: options.port });
    started.push(() => snsFront.stop());
    const dynamo = await startStrictLocalDynamo({
      port: options.dynamodbPort ?? 0,
      path: path.join(options.dir, "dynalite"),
      ...(options.indexLagMs !== undefined ? { indexLagMs: options.indexLagMs } : {}),
      ...(options.unprocessedKeysRate ? { unprocessedKeysRate: options.unprocessedKeysRate } : {}),
    });
    started.push(() => dynamo.stop());

    // SQS, SNS and S3 for every client, the stack's own included: through the strict front.
    const endpoint = snsFront.endpoint;
    const clientConfig = { region: LOCAL_REGION, endpoint, credentials: { ...LOCAL_CREDENTIALS } };
    const clients = {
      s3: new S3Client({ ...clientConfig, forcePathStyle: true }),
      sns: new SNSClient(clientConfig),
      sqs: new SQSClient(clientConfig),
      dynamodb: new DynamoDBClient({ ...clientConfig, endpoint: dynamo.endpoint }),
    };
    started.push(() => {
      for (const client of Object.values(clients)) client.destroy();
    });
    const resources = await provision(plan, options.bucket ?? `recap-${stage}-store`, clients);
    const bedrock = await startLocalBedrock(options, config, plan, resources, clients, log);
    started.push(() => bedrock.stop());
    const quotas = await serviceQuotasFor(options, config);
    const localQuotas = quotas.local;
    if (localQuotas) started.push(() => localQuotas.stop());
    // Every service's slots, run or not: a caller may start a service's workers later (`workers.start`).
    const lambdaLimits = options.lambdaLimits
      ? await createSlotGroups(plan.queues.map((q) => ({ service: q.service, instances: q.concurrency })))
      : undefined;
    // Pushed before the workers' stop, so it runs after it: a group holding a process cannot be removed.
    if (lambdaLimits?.applied) started.push(() => lambdaLimits.groups.remove());

    const endpoints: Endpoints = {
      stage,
      region: LOCAL_REGION,
      endpoint,
      bedrockEndpoint: bedrock.endpoint,
      dynamodbEndpoint: dynamo.endpoint,
      serviceQuotasEndpoint: quotas.endpoint,
      credentials: { ...LOCAL_CREDENTIALS },
      bucket: resources.bucket,
      topics: resources.topics,
      queues: Object.fromEntries(Object.entries(resources.queues).map(([name, q]) => [name, q.url])),
      tables: resources.tables,
      ...(lambdaLimits
        ? {
            lambdaLimits: lambdaLimits.applied
              ? { applied: true }
              : { applied: false, reason: lambdaLimits.reason },
          }
        : {}),
    };
    await writeFile(path.join(options.dir, ENDPOINTS_FILE), `${JSON.stringify(endpoints, null, 2)}\n`);

    const flakyS3 = options.s3ErrorRate
      ? await startFlakyS3({ target: endpoint, errorRate: options.s3ErrorRate })
      : undefined;
    if (flakyS3) started.push(() => flakyS3.stop());
    const context = {
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      stage,
      endpoint,
      s3Endpoint: flakyS3?.endpoint ?? endpoint,
      dynamodbEndpoint: dynamo.endpoint,
      bedrockEndpoint: bedrock.endpoint,
      serviceQuotasEndpoint: quotas.endpoint,
      plan,
      resources,
      config: options.config,
      // Whoever started the stack passes its NODE_OPTIONS on, as a Lambda takes them from its configuration.
      ...(process.env.NODE_OPTIONS ? { nodeOptions: process.env.NODE_OPTIONS } : {}),
    };
    const workers = new WorkerPool(
      (service) => workerEnvironment(service, context),
      log,
      (service) => bundles?.find((bundle) => bundle.service === service)?.taskRoot,
      lambdaLimits?.applied ? lambdaLimits.groups : undefined,
    );
    started.push(() => workers.stopAll());
    started.push(startTicks(plan, resources, clients.sqs, LOCAL_REGION));
    started.push(
      startLifecycleSweeps({
        s3: clients.s3,
        bucket: resources.bucket,
        dir: options.dir,
        everySeconds: options.lifecycleSweepEverySeconds ?? 10,
        report: (line) => log("s3-lifecycle", line),
      }),
    );
    await Promise.all(
      plan.queues.filter((q) => running.has(q.service)).map((q) => workers.start(q.service, q.concurrency)),
    );
    return {
      endpoints,
      resources,
      config,
      workers,
      bedrock,
      unprocessedKeys: dynamo.heldBack,
      ...(localQuotas ? { serviceQuotas: localQuotas } : {}),
      ...(bundles ? { bundles } : {}),
      ...(lambdaLimits ? { lambdaLimits } : {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The local Bedrock reads and writes the emulator's S3, and its job state changes go where the topology
 * routes EventBridge's: the queues of the services that watch jobs. It enforces each model's quotas from
 * the configuration the workers run with, and keeps its jobs in the state directory so that a restart
 * resumes them.
 */
function startLocalBedrock(
  options: LocalStackOptions,
  config: RecapConfig,
  plan: LocalPlan,
  resources: ProvisionedResources,
  clients: { s3: S3Client; sqs: SQSClient },
  log: LogSink,
): Promise<BedrockLocal> {
  const watchers = plan.queues.filter((q) => q.bedrockJobStateChanges);
  return startBedrockLocal({
    port: options.bedrockPort ?? 0,
    s3: clients.s3,
    region: LOCAL_REGION,
    dataDir: path.join(options.dir, "bedrock"),
    modelQuotas: Object.fromEntries(Object.entries(config.models).map(([id, model]) => [id, model.quotas])),
    ...(options.bedrockTiming ? { timing: options.bedrockTiming } : {}),
    ...(options.bedrockBackend ? { backend: options.bedrockBackend } : {}),
    deliverStateChange: async (event) => {
      for (const queue of watchers) {
        const url = resources.queues[queue.name]?.url;
        await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(event) }));
      }
    },
    onDeliveryError: (error) => {
      for (const queue of watchers) log(queue.service, `state-change event not delivered: ${String(error)}`);
    },
  });
}

/**
 * Where the services read the account's quotas: the endpoint the caller names, or a local Service Quotas
 * whose applied values are the quotas the local Bedrock enforces, where they differ from AWS's defaults (as
 * if the account had them raised or lowered), so that by default the two agree. A configured model AWS does
 * not list gets no applied value; Recap then reads its configured quotas, which the local Bedrock enforces.
 */
async function serviceQuotasFor(
  options: LocalStackOptions,
  config: RecapConfig,
): Promise<{ endpoint: string; local?: ServiceQuotasLocal }> {
  if (options.serviceQuotasEndpoint) return { endpoint: options.serviceQuotasEndpoint };
  const enforced = Object.fromEntries(Object.entries(config.models).map(([id, model]) => [id, model.quotas]));
  const local = await startServiceQuotasLocal({
    port: options.serviceQuotasPort ?? 0,
    region: LOCAL_REGION,
    applied: appliedFromModels(enforced).applied,
  });
  return { endpoint: local.endpoint, local };
}
