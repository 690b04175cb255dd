import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { type RecordMapEntry, recordMapEntrySchema } from "@recap/shared";

/** fauxqs refuses request bodies over 11 MiB; S3 wants parts of at least 5 MiB. */
export const PART_BYTES = 8 * 1024 * 1024;

/** Streams JSONL to S3 as a multipart upload: memory holds a part or two, whatever the total. */
export async function uploadLines(
  s3: S3Client,
  bucket: string,
  key: string,
  lines: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): Promise<void> {
  await new Upload({
    client: s3,
    params: { Bucket: bucket, Key: key, Body: Readable.from(lines), ContentType: "application/jsonl" },
    partSize: PART_BYTES,
    queueSize: 2,
  }).done();
}

export function* recordMapLines(entries: readonly RecordMapEntry[]): Generator<string> {
  for (const entry of entries) yield `${JSON.stringify(recordMapEntrySchema.parse(entry))}\n`;
}

/** A shard's record map, read back line by line (a resumed seal learns its members from it). */
export async function readRecordMap(s3: S3Client, bucket: string, key: string): Promise<RecordMapEntry[]> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const entries: RecordMapEntry[] = [];
  const lines = createInterface({ input: object.Body as Readable, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.trim()) entries.push(recordMapEntrySchema.parse(JSON.parse(line)));
  return entries;
}
