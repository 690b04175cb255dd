import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type RecordMapEntry, recordMapEntrySchema } from "@recap/shared";

export function recordMapLine(entry: RecordMapEntry): string {
  return `${JSON.stringify(recordMapEntrySchema.parse(entry))}\n`;
}

/** A shard's record map, read back line by line (a resumed or abandoned seal learns its members from it). */
export async function* readRecordMap(
  s3: S3Client,
  bucket: string,
  key: string,
): AsyncGenerator<RecordMapEntry> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const lines = createInterface({ input: object.Body as Readable, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.trim()) yield recordMapEntrySchema.parse(JSON.parse(line));
}
