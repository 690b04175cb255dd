import { setTimeout as sleep } from "node:timers/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import type { BatchQuotas, JobTiming } from "./config.ts";
import type { Faults } from "./faults.ts";
import type { InputFile } from "./input-files.ts";
import type { Job, JobStatus } from "./job.ts";
import type { ModelBackend, ModelFamily } from "./models/backend.ts";
import { runJob } from "./run-job.ts";
import { InputRejectedError, scanInput } from "./scan-input.ts";

export interface LifecycleDeps {
  s3: S3Client;
  backend: ModelBackend;
  quotas: BatchQuotas;
  timing: JobTiming;
  faults: Faults;
  /** Called on every status change, after the job is updated. */
  onStatus: (job: Job) => void;
}

/** Records between yields to the event loop, so the API stays responsive while a fast model runs. */
const YIELD_EVERY = 64;

/**
 * Walks each job through Bedrock's statuses on a scalable clock: Submitted → Validating → Scheduled →
 * InProgress → Completed | PartiallyCompleted | Failed, or Stopping → Stopped, or Expired.
 */
export class JobLifecycle {
  readonly #deps: LifecycleDeps;
  readonly #stops = new Map<string, AbortController>();

  constructor(deps: LifecycleDeps) {
    this.#deps = deps;
  }

  start(job: Job, family: ModelFamily, files: InputFile[]): void {
    const stop = new AbortController();
    this.#stops.set(job.jobId, stop);
    void this.#advance(job, family, files, stop.signal).finally(() => this.#stops.delete(job.jobId));
  }

  /** Shutting down: every running job stops where it is. */
  abortAll(): void {
    for (const stop of this.#stops.values()) stop.abort();
  }

  requestStop(job: Job): void {
    this.#set(job, "Stopping");
    this.#stops.get(job.jobId)?.abort();
  }

  async #advance(job: Job, family: ModelFamily, files: InputFile[], stopped: AbortSignal): Promise<void> {
    const { s3, backend, quotas, timing, faults } = this.#deps;
    const slowness = faults.slowJobFactor();
    const wait = (ms: number) => sleep(ms * timing.scale * slowness, undefined, { signal: stopped });
    try {
      await wait(timing.submittedMs);
      this.#set(job, "Validating");
      const input = await scanInput(s3, files, quotas);
      await wait(timing.validatingMs);
      job.counts = { total: input.records, processed: 0, success: 0, error: 0 };
      this.#set(job, "Scheduled");
      if (faults.fire("expireJobs")) {
        this.#set(job, "Expired", "The job was not started before its timeout expired.");
        return;
      }
      await wait(timing.scheduledMs);
      this.#set(job, "InProgress");
      if (faults.fire("failJobs")) {
        this.#set(job, "Failed", "Internal failure while processing the job.");
        return;
      }
      const recordErrorRate = faults.partialJobErrorRate() ?? 0;
      let sinceYield = 0;
      const result = await runJob(
        {
          s3,
          backend,
          family,
          modelId: job.modelId,
          jobId: job.jobId,
          files,
          outputUri: job.outputUri,
          recordErrorRate,
          shouldStop: () => stopped.aborted,
          pace: async () => {
            const delay = timing.perRecordMs * timing.scale * slowness;
            if (delay > 0) await sleep(delay);
            else if (++sinceYield % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
          },
          onProgress: (counts) => {
            job.counts = { ...counts };
            job.lastModifiedTime = new Date();
          },
        },
        input.records,
      );
      if (result.stopped) this.#set(job, "Stopped");
      else if (result.injectedErrors > 0)
        this.#set(job, "PartiallyCompleted", `${result.counts.error} records failed.`);
      else this.#set(job, "Completed");
    } catch (error) {
      if (stopped.aborted) this.#set(job, "Stopped");
      else if (error instanceof InputRejectedError) this.#set(job, "Failed", error.message);
      else this.#set(job, "Failed", `Internal error: ${(error as Error).message}`);
    }
  }

  #set(job: Job, status: JobStatus, message?: string): void {
    job.status = status;
    if (message) job.message = message;
    job.lastModifiedTime = new Date();
    if (["Completed", "PartiallyCompleted", "Failed", "Stopped", "Expired"].includes(status))
      job.endTime = new Date();
    this.#deps.onStatus(job);
  }
}
