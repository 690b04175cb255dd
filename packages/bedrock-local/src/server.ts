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
import { createOfflineSummarizer } from "./models/offline-summarizer.ts";
import { quotaCatalogue } from "./quota-catalogue.ts";
import { serviceQuotasApi } from "./service-quotas.ts";
import { stateChangeEvent } from "./state-change.ts";

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
   * Each model's name as Service Quotas writes it ("Claude 3 Haiku"), keyed by model id: ListServiceQuotas
   * lists the six batch quotas of every model named here, with the values this emulator enforces.
   */
  quotaNames?: Record<string, string>;
  /**
   * Keep jobs across restarts: one JSON file per job under `{dataDir}/jobs/`. On start, finished jobs are
   * served as they were and unfinished ones resume. Without it, jobs live in memory only.
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
 * over HTTP on 127.0.0.1, for the real `@aws-sdk/client-bedrock` and `client-bedrock-runtime`, plus the
 * Service Quotas listing of its batch quotas for `@aws-sdk/client-service-quotas`.
 */
export async function startBedrockLocal(options: BedrockLocalOptions): Promise<BedrockLocal> {
  const region = options.region ?? "us-east-1";
  const account = options.account ?? "000000000000";
  const faults = new Faults();
  if (options.faults) faults.add(options.faults);
  const backend = options.backend ?? createOfflineSummarizer();
  const quotasOf = quotasByModel(options.quotas, options.modelQuotas);
  const store = options.dataDir ? fileJobStore(options.dataDir) : memoryOnly;

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
  });
  const controlPlane = new ControlPlane({
    s3: options.s3,
    quotasOf,
    lifecycle,
    region,
    account,
    hourMs: timing.hourMs,
  });
  // Restored before the port opens, so the first request already sees them and their quota slots.
  const restored = store.load();
  controlPlane.restore(restored);
  const serviceQuotas = serviceQuotasApi(quotaCatalogue(options.quotaNames ?? {}, quotasOf, region, account));
  const server = createServer(createRoutes({ controlPlane, backend, faults, serviceQuotas }));
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
