/**
 * Bedrock batch quotas, per account, region and model. Real values differ by model and change: configure.
 * Field for field the same as Recap's own `BatchQuotas` (shared/src/config/schema.ts), so a model's
 * configured quotas can be handed to the emulator as they are.
 */
export interface BatchQuotas {
  minRecordsPerJob: number;
  maxRecordsPerJob: number;
  maxRecordsPerFile: number;
  maxInputFileBytes: number;
  maxJobInputBytes: number;
  /** Jobs submitted or in progress at once for this (base) model. */
  maxActiveJobs: number;
}

export const DEFAULT_QUOTAS: BatchQuotas = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxInputFileBytes: 200 * 1024 * 1024,
  maxJobInputBytes: 1024 * 1024 * 1024,
  maxActiveJobs: 10,
};

/**
 * How long each phase lasts, before scaling. The defaults make a demo look like a real run in minutes;
 * `scale: 0` runs a job as fast as the machine allows (tests).
 */
export interface JobTiming {
  submittedMs: number;
  validatingMs: number;
  scheduledMs: number;
  perRecordMs: number;
  scale: number;
  /**
   * How many real milliseconds one hour of a job's `timeoutDurationInHours` lasts. Not scaled with the
   * phases: a test shortens the clock a job runs out of time on without making every job finish at once.
   */
  hourMs: number;
}

export const DEFAULT_TIMING: JobTiming = {
  submittedMs: 2_000,
  validatingMs: 5_000,
  scheduledMs: 10_000,
  perRecordMs: 20,
  scale: 1,
  hourMs: 3_600_000,
};
