import { createHash } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { InputFile } from "./input-files.ts";
import type { RecordCounts } from "./job.ts";
import type { ModelBackend, ModelFamily } from "./models/backend.ts";
import { invokeFamily } from "./models/family.ts";
import { JsonlUpload } from "./output-writer.ts";
import { readRecords } from "./records.ts";
import { asFolder, parseS3Uri } from "./s3-uri.ts";
import { seededRandom } from "./seeded-random.ts";
import { ShuffleWindow } from "./shuffle-window.ts";

export interface RunContext {
  s3: S3Client;
  backend: ModelBackend;
  family: ModelFamily;
  modelId: string;
  jobId: string;
  files: InputFile[];
  outputUri: string;
  /** Injected per-record failure probability; 0 otherwise. */
  recordErrorRate: number;
  /** Records processed before the job runs out of time (a PartiallyCompleted fault); the rest are left. */
  processLimit: number;
  shouldStop: () => boolean;
  /** The job's timeout has passed: it stops where it is and ends PartiallyCompleted. */
  pastDeadline: () => boolean;
  /** The emulator is shutting down: leave at once and write nothing more (the job resumes on restart). */
  abandoned: () => boolean;
  /** Called after every record: the lifecycle's clock, and where a stop is noticed. */
  pace: () => Promise<void>;
  onProgress: (counts: RecordCounts) => void;
}

/** The run was left half-way because the emulator shut down: no manifest, no final status. */
export class JobAbandonedError extends Error {
  override readonly name = "JobAbandonedError";
}

export interface RunResult {
  counts: RecordCounts;
  inputTokens: number;
  outputTokens: number;
  stopped: boolean;
  /** The job reached its process limit with records left: they are in no output file. */
  outOfTime: boolean;
}

/**
 * Processes every record of a job and writes Bedrock's output layout: `{outputUri}/{jobId}/{file}.out`, one
 * line per processed record with its `modelOutput` or `error`, in shuffled order, then `manifest.json.out`.
 * A stopped job keeps what it processed, as on Bedrock (those tokens are billed).
 */
export async function runJob(context: RunContext, total: number): Promise<RunResult> {
  const out = parseS3Uri(context.outputUri);
  const folder = `${asFolder(out.key)}${context.jobId}/`;
  const counts: RecordCounts = { total, processed: 0, success: 0, error: 0 };
  const result: RunResult = { counts, inputTokens: 0, outputTokens: 0, stopped: false, outOfTime: false };
  const random = seededRandom(context.jobId);

  for (const file of context.files) {
    if (result.stopped || result.outOfTime) break;
    const upload = new JsonlUpload(context.s3, out.bucket, `${folder}${file.name}.out`);
    const window = new ShuffleWindow<string>(`${context.jobId}/${file.name}`);
    for await (const record of readRecords(context.s3, file)) {
      if (context.abandoned()) {
        await upload.abort();
        throw new JobAbandonedError(`job ${context.jobId} abandoned at shutdown`);
      }
      if (context.shouldStop()) {
        result.stopped = true;
        break;
      }
      if (counts.processed >= context.processLimit || context.pastDeadline()) {
        result.outOfTime = true;
        break;
      }
      const recordId = record.recordId ?? generatedRecordId(context.jobId, file.name, record.line);
      let line: Record<string, unknown>;
      if (random() < context.recordErrorRate) {
        line = {
          recordId,
          modelInput: record.modelInput,
          error: { errorCode: 500, errorMessage: "Internal server error." },
        };
      } else {
        const outcome = await invokeFamily(
          context.family,
          context.backend,
          record.modelInput,
          context.modelId,
        );
        if ("error" in outcome) {
          line = { recordId, modelInput: record.modelInput, error: outcome.error };
        } else {
          result.inputTokens += outcome.usage.inputTokens;
          result.outputTokens += outcome.usage.outputTokens;
          line = { recordId, modelInput: record.modelInput, modelOutput: outcome.modelOutput };
        }
      }
      counts.processed += 1;
      if ("error" in line) counts.error += 1;
      else counts.success += 1;
      const released = window.push(JSON.stringify(line));
      if (released) await upload.write(released);
      context.onProgress(counts);
      await context.pace();
    }
    for (const rest of window.drain()) await upload.write(rest);
    await upload.close();
  }

  const manifest = {
    totalRecordCount: counts.total,
    processedRecordCount: counts.processed,
    successRecordCount: counts.success,
    errorRecordCount: counts.error,
    inputTokenCount: result.inputTokens,
    outputTokenCount: result.outputTokens,
  };
  await context.s3.send(
    new PutObjectCommand({
      Bucket: out.bucket,
      Key: `${folder}manifest.json.out`,
      Body: JSON.stringify(manifest),
      ContentType: "application/json",
    }),
  );
  return result;
}

/** Bedrock fills in a missing recordId; this one is stable for a given job, file and line. */
function generatedRecordId(jobId: string, file: string, line: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const digest = createHash("sha256").update(`${jobId}/${file}/${line}`).digest();
  return [...digest.subarray(0, 11)].map((b) => alphabet[b % alphabet.length]).join("");
}
