import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { S3Client } from "@aws-sdk/client-s3";
import { type BatchQuotas, DEFAULT_QUOTAS, DEFAULT_TIMING, type JobTiming } from "./config.ts";
import { ControlPlane } from "./control-plane.ts";
import { type FaultPlan, Faults } from "./faults.ts";
import { createRoutes } from "./http-routes.ts";
import type { Job } from "./job.ts";
import { JobLifecycle } from "./lifecycle.ts";
import type { ModelBackend } from "./models/backend.ts";
import { createOfflineSummarizer } from "./models/offline-summarizer.ts";
import { stateChangeEvent } from "./state-change.ts";

export interface BedrockLocalOptions {
  /** 0 picks a free port. */
  port: number;
  /** The S3 the jobs read and write: the local emulator's, through the real client. */
  s3: S3Client;
  backend?: ModelBackend;
  quotas?: Partial<BatchQuotas>;
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
  stop(): Promise<void>;
}

/**
 * A local Amazon Bedrock: the batch inference control plane and the runtime's InvokeModel and Converse,
 * over HTTP on 127.0.0.1, for the real `@aws-sdk/client-bedrock` and `client-bedrock-runtime`.
 */
export async function startBedrockLocal(options: BedrockLocalOptions): Promise<BedrockLocal> {
  const region = options.region ?? "us-east-1";
  const account = options.account ?? "000000000000";
  const faults = new Faults();
  if (options.faults) faults.add(options.faults);
  const backend = options.backend ?? createOfflineSummarizer();
  const quotas = { ...DEFAULT_QUOTAS, ...options.quotas };

  // Events leave one at a time, so a consumer sees a job's statuses in the order they happened.
  let delivering = Promise.resolve();
  const onStatus = (job: Job) => {
    const deliver = options.deliverStateChange;
    if (!deliver || faults.fire("dropEvents")) return;
    const event = stateChangeEvent(job, region, account);
    delivering = delivering.then(() => deliver(event)).catch((error) => options.onDeliveryError?.(error));
  };
  const lifecycle = new JobLifecycle({
    s3: options.s3,
    backend,
    quotas,
    timing: { ...DEFAULT_TIMING, ...options.timing },
    faults,
    onStatus,
  });
  const controlPlane = new ControlPlane({ s3: options.s3, quotas, lifecycle, region, account, onStatus });
  const server = createServer(createRoutes({ controlPlane, backend, faults }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port, host: "127.0.0.1" }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    backend: backend.name,
    faults,
    async stop() {
      lifecycle.abortAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await delivering;
    },
  };
}
