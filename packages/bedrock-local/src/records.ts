import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { InputFile } from "./input-files.ts";

export interface InputRecord {
  /** 1-based line number in its file, for error messages. */
  line: number;
  recordId?: string;
  modelInput: unknown;
}

export class MalformedRecordError extends Error {
  override readonly name = "MalformedRecordError";
}

/**
 * Streams a JSONL input file one record at a time: memory stays flat whatever the file's size. Blank lines
 * are skipped, as Bedrock does; anything else must be a JSON object with a `modelInput` object.
 */
export async function* readRecords(s3: S3Client, file: InputFile): AsyncGenerator<InputRecord> {
  const object = await s3.send(new GetObjectCommand({ Bucket: file.bucket, Key: file.key }));
  const lines = createInterface({ input: object.Body as Readable, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === "") continue;
    yield parseRecord(text, line, file.name);
  }
}

export function parseRecord(text: string, line: number, fileName: string): InputRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedRecordError(`${fileName} line ${line} is not valid JSON.`);
  }
  const record = parsed as { recordId?: unknown; modelInput?: unknown } | null;
  if (!record || typeof record !== "object" || Array.isArray(record)) {
    throw new MalformedRecordError(`${fileName} line ${line} is not a JSON object.`);
  }
  if (record.recordId !== undefined && (typeof record.recordId !== "string" || record.recordId === "")) {
    throw new MalformedRecordError(`${fileName} line ${line}: recordId must be a non-empty string.`);
  }
  if (!record.modelInput || typeof record.modelInput !== "object" || Array.isArray(record.modelInput)) {
    throw new MalformedRecordError(`${fileName} line ${line}: modelInput must be a JSON object.`);
  }
  return { line, ...(record.recordId ? { recordId: record.recordId } : {}), modelInput: record.modelInput };
}
