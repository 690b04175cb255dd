import { StringDecoder } from "node:string_decoder";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { parseS3Uri, type RecordMapEntry, recordMapEntrySchema } from "@recap/shared";

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
  // A character split between two pieces is decoded whole, once its last byte has come.
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let line = 0;
  for await (const piece of object.Body as AsyncIterable<Uint8Array>) {
    const lines = (rest + decoder.write(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength))).split(
      "\n",
    );
    rest = lines.pop() ?? "";
    for (const text of lines) {
      line += 1;
      if (text.trim() !== "") yield parseEntry(text, line, uri);
    }
  }
  rest += decoder.end();
  if (rest.trim() !== "") yield parseEntry(rest, line + 1, uri);
}

/**
 * The entries by recordId; with `only`, just those of these recordIds. Every line is still read and
 * validated, but a whole 50,000-record map held at once is about 20 MB of heap (and as much again while it
 * is parsed), so a chunk keeps only the entries of its own lines: memory grows with the chunk, not the job.
 */
export async function recordMapIndex(
  s3: S3Client,
  uri: string,
  only?: ReadonlySet<string>,
): Promise<Map<string, RecordMapEntry>> {
  const index = new Map<string, RecordMapEntry>();
  for await (const entry of recordMapEntries(s3, uri))
    if (!only || only.has(entry.recordId)) index.set(entry.recordId, entry);
  return index;
}

function parseEntry(text: string, line: number, uri: string): RecordMapEntry {
  const parsed = recordMapEntrySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new UnreadableRecordMapError(`${uri} line ${line} is not a record map entry`);
  return parsed.data;
}
