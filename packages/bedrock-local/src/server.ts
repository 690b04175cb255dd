import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { S3Client } from "@aws-sdk/client-s3";
import { type BatchQuotas, DEFAULT_TIMING, type JobTiming } from "./config.ts";
import { ControlPlane } from "./control-plane.ts";
import { type FaultPlan, Faults } from "./faults.ts";
import { createRoutes } from "./http-routes.ts";
import type { Job } from "./job.ts";
import { fileJobStore, memoryOnly } from "./job-store.ts";
import { JobLifecycle } from "./lifecycle.ts";
import { quotasByModel } from "./model-quotas.ts";
import type { ModelBackend } from "./models/backend.ts";
import { baseModelId } from "./models/model-id.ts";
import { createOfflineSummarizer } from "./models/offline-summarizer.ts";
import { stateChangeEvent } from "./state-change.ts";
import { fileUsageLog, unloggedUsage } from "./usage/usage-log.ts";
import { type UsageEvent, UsageMeter } from "./usage/usage-meter.ts";

export interface BedrockLocalOptions {
  /** 0 picks a free port. */
  port: number;
  /** The S3 the jobs read and write: the local emulator's, through the real client. */
  s3: S3Client;
  backend?: ModelBackend;
  /** Quotas for every model without its own entry in `modelQuotas`; unset fields keep Bedrock's defaults. */
  quotas?: Partial<BatchQuotas>;
  /**
   * Quotas per model, keyed by model id (an inference-profile id or ARN names the same base model), on top
   * of `quotas`. Recap's configured `BatchQuotas` (shared/src/config/schema.ts) fit as they are: the field
   * names are the same, `maxActiveJobs` included.
   */
  modelQuotas?: Record<string, Partial<BatchQuotas>>;
  /**
   * Keep jobs across restarts: one JSON file per job under `{dataDir}/jobs/`, their tags included. On start,
   * finished jobs are served as they were and unfinished ones resume. The usage meter's events are kept in
   * `{dataDir}/usage.jsonl`. Without it, jobs and usage live in memory only.
   */
  dataDir?: string;
  timing?: Partial<JobTiming>;
  faults?: FaultPlan;
  region?: string;
  account?: string;
  /** Where Bedrock's EventBridge state-change events go (status-watcher's queue in the local stack). */
  deliverStateChange?: (event: Record<string, unknown>) => Promise<void>;
  /** Called when a state-change event could not be delivered. */
  onDeliveryError?: (error: unknown) => void;
}

export interface BedrockLocal {
  endpoint: string;
  port: number;
  /** The model backend's name, e.g. `offline`. */
  backend: string;
  faults: Faults;
  /** Stops serving; running jobs are left as they are (with a `dataDir`, to resume on the next start). */
  stop(): Promise<void>;
}

/**
 * A local Amazon Bedrock: the batch inference control plane and the runtime's InvokeModel and Converse,
 * over HTTP on 127.0.0.1, for the real `@aws-sdk/client-bedrock` and `client-bedrock-runtime`. Service
 * Quotas is AWS's own service with its own endpoint, and so it is locally (packages/local/src/service-quotas).
 */
export async function startBedrockLocal(options: BedrockLocalOptions): Promise<BedrockLocal> {
  const region = options.region ?? "us-east-1";
  const account = options.account ?? "000000000000";
  const faults = new Faults();
  if (options.faults) faults.add(options.faults);
  const backend = options.backend ?? createOfflineSummarizer();
  const quotasOf = quotasByModel(options.quotas, options.modelQuotas);
  const store = options.dataDir ? fileJobStore(options.dataDir) : memoryOnly;
  const usageLog = options.dataDir ? fileUsageLog(options.dataDir) : unloggedUsage;
  const meter = new UsageMeter();
  for (const event of usageLog.load()) meter.record(event);
  // Logged before it is counted: what the meter shows is what a restart will show.
  const bill = (event: UsageEvent) => {
    usageLog.append(event);
    meter.record(event);
  };

  // Events leave one at a time, so a consumer sees a job's statuses in the order they happened.
  let delivering = Promise.resolve();
  const onStatus = (job: Job) => {
    store.saved(job);
    const deliver = options.deliverStateChange;
    if (!deliver || faults.dropEvent()) return;
    const event = stateChangeEvent(job, region, account);
    delivering = delivering.then(() => deliver(event)).catch((error) => options.onDeliveryError?.(error));
  };
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const lifecycle = new JobLifecycle({
    s3: options.s3,
    backend,
    quotasOf,
    timing,
    faults,
    onStatus,
    onProgress: (job) => store.progressed(job),
    // Bedrock bills a batch job's records that produced an output, and their tokens; errored records are free.
    onRunEnded: (job, result) =>
      bill({
        kind: "batch-job",
        jobArn: job.jobArn,
        modelId: baseModelId(job.modelId),
        records: result.counts.success,
        inputTokens: result.inputTokens,
        outputTokens: result.outputTokens,
      }),
  });
  const controlPlane = new ControlPlane({
    s3: options.s3,
    quotasOf,
    lifecycle,
    region,
    account,
    hourMs: timing.hourMs,
    createDelaySeconds: () => faults.slowCreateSeconds(),
    persist: (job) => store.saved(job),
  });
  // Restored before the port opens, so the first request already sees them and their quota slots.
  const restored = store.load();
  controlPlane.restore(restored);
  const server = createServer(
    createRoutes({ controlPlane, backend, faults, region, bill, usage: () => meter.usage() }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port, host: "127.0.0.1" }, resolve);
  });
  for (const job of restored) lifecycle.resume(job);
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    backend: backend.name,
    faults,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lifecycle.shutdown();
      store.close();
      await delivering;
    },
  };
}
