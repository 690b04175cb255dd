import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type RecordMapEntry, recordMapEntrySchema } from "@recap/shared";
import { parseS3Uri } from "./s3-uri.ts";

export class UnreadableRecordMapError extends Error {
  override readonly name = "UnreadableRecordMapError";
}

/**
 * Streams a shard's record map (JSONL, one entry per record). It is the only way back from a recordId to its
 * call: records are joined by id, never by their position in the output.
 */
export async function* recordMapEntries(s3: S3Client, uri: string): AsyncGenerator<RecordMapEntry> {
  const { bucket, key } = parseS3Uri(uri);
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  let rest = "";
  let line = 0;
  for await (const piece of object.Body as AsyncIterable<Uint8Array>) {
    const lines = (rest + Buffer.from(piece).toString("utf8")).split("\n");
    rest = lines.pop() ?? "";
    for (const text of lines) {
      line += 1;
      if (text.trim() !== "") yield parseEntry(text, line, uri);
    }
  }
  if (rest.trim() !== "") yield parseEntry(rest, line + 1, uri);
}

/** Every entry by recordId: about 300 bytes each, so a 50,000-record map is a few tens of megabytes. */
export async function recordMapIndex(s3: S3Client, uri: string): Promise<Map<string, RecordMapEntry>> {
  const index = new Map<string, RecordMapEntry>();
  for await (const entry of recordMapEntries(s3, uri)) index.set(entry.recordId, entry);
  return index;
}

function parseEntry(text: string, line: number, uri: string): RecordMapEntry {
  const parsed = recordMapEntrySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new UnreadableRecordMapError(`${uri} line ${line} is not a record map entry`);
  return parsed.data;
}
