import { setTimeout as sleep } from "node:timers/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import type { JobTiming } from "./config.ts";
import type { Faults } from "./faults.ts";
import { expirationOf, type Job, type JobStatus, TERMINAL_STATUSES } from "./job.ts";
import type { QuotasOf } from "./model-quotas.ts";
import type { ModelBackend } from "./models/backend.ts";
import { familyOf } from "./models/family.ts";
import { JobAbandonedError, type RunResult, runJob } from "./run-job.ts";
import { InputRejectedError, scanInput } from "./scan-input.ts";

export interface LifecycleDeps {
  s3: S3Client;
  backend: ModelBackend;
  quotasOf: QuotasOf;
  timing: JobTiming;
  faults: Faults;
  /** Called on every status change (a new job's Submitted included), after the job is updated. */
  onStatus: (job: Job) => void;
  /** Called after each processed record: anything costly done here must be throttled. */
  onProgress?: (job: Job) => void;
  /** Called once a job's run ends (completed, stopped or out of time) with what it processed: its bill. */
  onRunEnded?: (job: Job, result: RunResult) => void;
}

/** The job's clock passed its timeoutDurationInHours before it began processing. */
class JobExpiredError extends Error {
  override readonly name = "JobExpiredError";
}

/** Records between yields to the event loop, so the API stays responsive while a fast model runs. */
const YIELD_EVERY = 64;

/** The phases before a job ends, in order: a resumed job continues from the one it was in. */
const PHASES: readonly JobStatus[] = ["Submitted", "Validating", "Scheduled", "InProgress"];

/**
 * Walks each job through Bedrock's statuses on a scalable clock: Submitted → Validating → Scheduled →
 * InProgress → Completed | PartiallyCompleted | Failed, or Stopping → Stopped, or Expired.
 * Each job runs against its timeout, as on Bedrock: a job not yet processing when it passes is Expired; a job
 * processing records ends PartiallyCompleted with the rest unprocessed.
 */
export class JobLifecycle {
  readonly #deps: LifecycleDeps;
  readonly #stops = new Map<string, AbortController>();
  readonly #running = new Set<Promise<void>>();
  /** Aborted when the emulator shuts down: jobs are left as they are, to resume on the next start. */
  readonly #shutdown = new AbortController();

  constructor(deps: LifecycleDeps) {
    this.#deps = deps;
  }

  /** A new job: announces it as Submitted and starts its lifecycle. */
  start(job: Job): void {
    if (this.#shutdown.signal.aborted) return;
    job.injected = { slowness: this.#deps.faults.slowJobFactor() };
    this.#deps.onStatus(job);
    this.#run(job, "Submitted");
  }

  /**
   * A job loaded from a previous run that had not ended: Stopping becomes Stopped; any other phase starts
   * over from its beginning (an InProgress job runs all its records again, as Bedrock would).
   */
  resume(job: Job): void {
    if (this.#shutdown.signal.aborted || TERMINAL_STATUSES.has(job.status)) return;
    if (job.status === "Stopping") this.#set(job, "Stopped");
    else this.#run(job, job.status);
  }

  requestStop(job: Job): void {
    this.#set(job, "Stopping");
    this.#stops.get(job.jobId)?.abort();
  }

  /** Shutting down: every running job is abandoned where it is, with no status change; resolves when all have let go. */
  async shutdown(): Promise<void> {
    this.#shutdown.abort();
    await Promise.allSettled([...this.#running]);
  }

  #run(job: Job, from: JobStatus): void {
    const stop = new AbortController();
    this.#stops.set(job.jobId, stop);
    const running = this.#advance(job, from, stop.signal).finally(() => {
      this.#stops.delete(job.jobId);
      this.#running.delete(running);
    });
    this.#running.add(running);
  }

  async #advance(job: Job, from: JobStatus, stopped: AbortSignal): Promise<void> {
    const { s3, backend, quotasOf, timing, faults } = this.#deps;
    const shutdown = this.#shutdown.signal;
    const either = AbortSignal.any([stopped, shutdown]);
    const slowness = job.injected.slowness;
    const expiresAt = expirationOf(job, timing.hourMs).getTime();
    const pastDeadline = () => Date.now() >= expiresAt;
    const wait = async (ms: number) => {
      const scaled = ms * timing.scale * slowness;
      const left = expiresAt - Date.now();
      if (scaled < left) return sleep(scaled, undefined, { signal: either });
      await sleep(Math.max(0, left), undefined, { signal: either });
      throw new JobExpiredError(`job ${job.jobId} passed its ${job.timeoutDurationInHours} h timeout`);
    };
    const phase = PHASES.indexOf(from);
    try {
      const family = familyOf(job.modelId, job.modelInvocationType);
      if (!family) throw new Error(`no model family for ${job.modelId}`);
      if (phase <= 0) {
        await wait(timing.submittedMs);
        this.#set(job, "Validating");
      }
      if (phase <= 1) {
        const input = await scanInput(s3, job.inputFiles, quotasOf(job.modelId));
        await wait(timing.validatingMs);
        job.counts = { total: input.records, processed: 0, success: 0, error: 0 };
        this.#set(job, "Scheduled");
        if (faults.fire("expireJobs")) {
          this.#set(job, "Expired", "The job was not started before its timeout expired.");
          return;
        }
      }
      if (phase <= 2) {
        await wait(timing.scheduledMs);
        // Drawn before the status is saved, so a job resumed in InProgress keeps its injected faults.
        const fail = faults.fire("failJobs");
        const failEveryRecord = !fail && faults.fire("failAllRecordsJobs");
        job.injected.recordErrorRate = fail ? 0 : failEveryRecord ? 1 : faults.recordErrorRate();
        // One fault a job: a job failing every record runs them all, so it ends Completed.
        if (!fail && !failEveryRecord) {
          const unprocessed = faults.partialJobUnprocessed();
          if (unprocessed !== undefined) job.injected.unprocessed = unprocessed;
        }
        this.#set(job, "InProgress");
        if (fail) {
          this.#set(job, "Failed", "Internal failure while processing the job.");
          return;
        }
      }
      const total = job.counts?.total ?? 0;
      job.counts = { total, processed: 0, success: 0, error: 0 };
      let sinceYield = 0;
      const result = await runJob(
        {
          s3,
          backend,
          family,
          modelId: job.modelId,
          jobId: job.jobId,
          files: job.inputFiles,
          outputUri: job.outputUri,
          recordErrorRate: job.injected.recordErrorRate ?? 0,
          processLimit: Math.floor(total * (1 - (job.injected.unprocessed ?? 0))),
          shouldStop: () => stopped.aborted,
          pastDeadline,
          abandoned: () => shutdown.aborted,
          pace: async () => {
            const delay = timing.perRecordMs * timing.scale * slowness;
            if (delay > 0) await sleep(delay);
            else if (++sinceYield % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
          },
          onProgress: (counts) => {
            job.counts = { ...counts };
            job.lastModifiedTime = new Date();
            this.#deps.onProgress?.(job);
          },
        },
        total,
      );
      this.#deps.onRunEnded?.(job, result);
      if (result.stopped) this.#set(job, "Stopped");
      else if (result.outOfTime)
        this.#set(job, "PartiallyCompleted", "Not all records could be processed before the job timed out.");
      else this.#set(job, "Completed");
    } catch (error) {
      if (shutdown.aborted || error instanceof JobAbandonedError) return;
      if (stopped.aborted) this.#set(job, "Stopped");
      else if (error instanceof JobExpiredError)
        this.#set(job, "Expired", "The job was not started before its timeout expired.");
      else if (error instanceof InputRejectedError) this.#set(job, "Failed", error.message);
      else this.#set(job, "Failed", `Internal error: ${(error as Error).message}`);
    }
  }

  #set(job: Job, status: JobStatus, message?: string): void {
    // After shutdown a job keeps the status it was saved with; a late change here would be lost or, with a
    // data directory, written over what the next emulator reads.
    if (this.#shutdown.signal.aborted) return;
    job.status = status;
    if (message) job.message = message;
    job.lastModifiedTime = new Date();
    if (TERMINAL_STATUSES.has(status)) job.endTime = new Date();
    this.#deps.onStatus(job);
  }
}
