import { z } from "zod";
import type { Job } from "./job.ts";

/**
 * One job as it is written under the data directory: every field of the job, dates as ISO strings. The
 * version lets a later emulator refuse, by name, a file it does not know how to read.
 */
const JOB_FILE_VERSION = 1;

const countsSchema = z.object({
  total: z.number(),
  processed: z.number(),
  success: z.number(),
  error: z.number(),
});

const jobSchema = z.object({
  jobId: z.string(),
  jobArn: z.string(),
  jobName: z.string(),
  modelId: z.string(),
  roleArn: z.string(),
  clientRequestToken: z.string().optional(),
  modelInvocationType: z.enum(["InvokeModel", "Converse"]),
  inputUri: z.string(),
  outputUri: z.string(),
  outputKmsKeyId: z.string().optional(),
  vpcConfig: z.unknown().optional(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  timeoutDurationInHours: z.number(),
  status: z.enum([
    "Submitted",
    "Validating",
    "Scheduled",
    "InProgress",
    "Completed",
    "PartiallyCompleted",
    "Failed",
    "Stopping",
    "Stopped",
    "Expired",
  ]),
  message: z.string().optional(),
  submitTime: z.coerce.date(),
  lastModifiedTime: z.coerce.date(),
  endTime: z.coerce.date().optional(),
  counts: countsSchema.optional(),
  inputFiles: z.array(z.object({ bucket: z.string(), key: z.string(), name: z.string(), bytes: z.number() })),
  injected: z.object({
    slowness: z.number(),
    recordErrorRate: z.number().optional(),
    unprocessed: z.number().optional(),
  }),
});

const jobFileSchema = z.object({ version: z.literal(JOB_FILE_VERSION), job: jobSchema });

/** A job file that cannot be read back: the emulator refuses to start rather than forget a job. */
export class UnreadableJobFileError extends Error {
  override readonly name = "UnreadableJobFileError";
}

export function encodeJobFile(job: Job): string {
  return JSON.stringify({ version: JOB_FILE_VERSION, job });
}

export function decodeJobFile(text: string, path: string): Job {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UnreadableJobFileError(`${path} is not valid JSON; move it away to start without that job.`);
  }
  const parsed = jobFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new UnreadableJobFileError(
      `${path} is not a version ${JOB_FILE_VERSION} job file (${parsed.error.issues[0]?.message}); move it away to start without that job.`,
    );
  }
  return parsed.data.job;
}
