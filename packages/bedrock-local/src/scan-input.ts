import type { S3Client } from "@aws-sdk/client-s3";
import type { BatchQuotas } from "./config.ts";
import type { InputFile } from "./input-files.ts";
import { MalformedRecordError, readRecords } from "./records.ts";

/** Why a job fails in its Validating phase; the message becomes the job's `message`. */
export class InputRejectedError extends Error {
  override readonly name = "InputRejectedError";
}

export interface InputSummary {
  records: number;
  bytes: number;
}

/**
 * What Bedrock checks while a job is Validating: every line parses, record ids are unique, and each file
 * and the whole job stay within the record and size quotas. Streams every file; holds only the ids.
 */
export async function scanInput(
  s3: S3Client,
  files: InputFile[],
  quotas: BatchQuotas,
): Promise<InputSummary> {
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const oversized = files.find((f) => f.bytes > quotas.maxInputFileBytes);
  if (oversized) {
    throw new InputRejectedError(
      `Input file ${oversized.name} is ${oversized.bytes} bytes; the quota is ${quotas.maxInputFileBytes} bytes per file.`,
    );
  }
  if (bytes > quotas.maxJobInputBytes) {
    throw new InputRejectedError(
      `Job input is ${bytes} bytes; the quota is ${quotas.maxJobInputBytes} bytes per job.`,
    );
  }
  const seen = new Set<string>();
  let records = 0;
  for (const file of files) {
    let inFile = 0;
    try {
      for await (const record of readRecords(s3, file)) {
        inFile += 1;
        if (record.recordId !== undefined) {
          if (seen.has(record.recordId)) {
            throw new InputRejectedError(
              `Duplicate recordId ${record.recordId} at ${file.name} line ${record.line}.`,
            );
          }
          seen.add(record.recordId);
        }
      }
    } catch (error) {
      if (error instanceof MalformedRecordError) throw new InputRejectedError(error.message);
      throw error;
    }
    if (inFile > quotas.maxRecordsPerFile) {
      throw new InputRejectedError(
        `Input file ${file.name} has ${inFile} records; the quota is ${quotas.maxRecordsPerFile} per file.`,
      );
    }
    records += inFile;
  }
  if (records < quotas.minRecordsPerJob) {
    throw new InputRejectedError(
      `The job has ${records} records; batch inference needs at least ${quotas.minRecordsPerJob} records per job.`,
    );
  }
  if (records > quotas.maxRecordsPerJob) {
    throw new InputRejectedError(
      `The job has ${records} records; the quota is ${quotas.maxRecordsPerJob} per job.`,
    );
  }
  return { records, bytes };
}
