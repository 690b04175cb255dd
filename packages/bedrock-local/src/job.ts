import { randomBytes } from "node:crypto";
import type { InputFile } from "./input-files.ts";

export type JobStatus =
  | "Submitted"
  | "Validating"
  | "Scheduled"
  | "InProgress"
  | "Completed"
  | "PartiallyCompleted"
  | "Failed"
  | "Stopping"
  | "Stopped"
  | "Expired";

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set([
  "Completed",
  "PartiallyCompleted",
  "Failed",
  "Stopped",
  "Expired",
]);

export interface RecordCounts {
  total: number;
  processed: number;
  success: number;
  error: number;
}

/** One batch inference job, as the emulator keeps it. */
export interface Job {
  jobId: string;
  jobArn: string;
  jobName: string;
  modelId: string;
  roleArn: string;
  clientRequestToken?: string;
  modelInvocationType: "InvokeModel" | "Converse";
  inputUri: string;
  outputUri: string;
  outputKmsKeyId?: string;
  vpcConfig?: unknown;
  tags: Array<{ key: string; value: string }>;
  timeoutDurationInHours: number;
  status: JobStatus;
  message?: string;
  submitTime: Date;
  lastModifiedTime: Date;
  endTime?: Date;
  counts?: RecordCounts;
  /** The input as listed at create: the job reads those files, also when it resumes after a restart. */
  inputFiles: InputFile[];
  /** Faults drawn for this job, kept with it so a resumed job behaves as it would have. */
  injected: InjectedFaults;
}

export interface InjectedFaults {
  /** How many times slower its phases and records run (1: not slowed). */
  slowness: number;
  /** Per-record failure probability, drawn when it enters InProgress. */
  recordErrorRate?: number;
  /** The share of records it runs out of time for (ending PartiallyCompleted), drawn with the error rate. */
  unprocessed?: number;
}

/** Bedrock job ids are 12 lowercase alphanumerics, the last segment of the job ARN. */
export function newJobId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join("");
}

export function jobArnOf(region: string, account: string, jobId: string): string {
  return `arn:aws:bedrock:${region}:${account}:model-invocation-job/${jobId}`;
}

/** A job identifier is its ARN (percent-decoded by the router) or its bare id. */
export function jobIdOf(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf("/") + 1);
}

export function isActive(job: Job): boolean {
  return !TERMINAL_STATUSES.has(job.status);
}

/** When the job runs out of time: its submit time plus its timeout, on the emulator's clock of `hourMs` an hour. */
export function expirationOf(job: Job, hourMs: number): Date {
  return new Date(job.submitTime.getTime() + job.timeoutDurationInHours * hourMs);
}

/** The job as GetModelInvocationJob and ListModelInvocationJobs return it. */
export function jobView(job: Job, hourMs: number): Record<string, unknown> {
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    modelId: job.modelId,
    ...(job.clientRequestToken ? { clientRequestToken: job.clientRequestToken } : {}),
    roleArn: job.roleArn,
    status: job.status,
    ...(job.message ? { message: job.message } : {}),
    submitTime: job.submitTime.toISOString(),
    lastModifiedTime: job.lastModifiedTime.toISOString(),
    ...(job.endTime ? { endTime: job.endTime.toISOString() } : {}),
    inputDataConfig: { s3InputDataConfig: { s3Uri: job.inputUri, s3InputFormat: "JSONL" } },
    outputDataConfig: {
      s3OutputDataConfig: {
        s3Uri: job.outputUri,
        ...(job.outputKmsKeyId ? { s3EncryptionKeyId: job.outputKmsKeyId } : {}),
      },
    },
    ...(job.vpcConfig ? { vpcConfig: job.vpcConfig } : {}),
    timeoutDurationInHours: job.timeoutDurationInHours,
    jobExpirationTime: expirationOf(job, hourMs).toISOString(),
    modelInvocationType: job.modelInvocationType,
    ...(job.counts
      ? {
          totalRecordCount: job.counts.total,
          processedRecordCount: job.counts.processed,
          successRecordCount: job.counts.success,
          errorRecordCount: job.counts.error,
        }
      : {}),
  };
}
