import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { ChunkRange } from "./chunk-ranges.ts";

const NEWLINE = 0x0a;

/**
 * Streams the lines a chunk owns: those that start at or after `start` and before `end`, read with one
 * ranged GET from the byte before `start` (to know whether a line begins exactly there) and stopped as soon as
 * a line starts at `end`. Memory holds one line and one network buffer, whatever the file's size.
 */
export async function* rangedLines(s3: S3Client, bucket: string, range: ChunkRange): AsyncGenerator<string> {
  const from = Math.max(0, range.start - 1);
  const object = await s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: range.key, Range: `bytes=${from}-` }),
  );
  const body = object.Body as AsyncIterable<Uint8Array> & { destroy?: () => void };
  // Offset of the next unread byte in the file, and of the line being gathered.
  let offset = from;
  let lineStart = range.start === 0 ? 0 : -1;
  let pending: Buffer[] = [];
  try {
    for await (const piece of body) {
      const buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      let cursor = 0;
      while (cursor < buffer.length) {
        const newline = buffer.indexOf(NEWLINE, cursor);
        const stop = newline < 0 ? buffer.length : newline;
        if (lineStart >= 0) pending.push(buffer.subarray(cursor, stop));
        if (newline < 0) {
          cursor = buffer.length;
          break;
        }
        if (lineStart >= 0) {
          const line = Buffer.concat(pending).toString("utf8");
          if (line.trim() !== "") yield line;
        }
        pending = [];
        const next = offset + newline + 1;
        if (next >= range.end) return;
        lineStart = next;
        cursor = newline + 1;
      }
      offset += buffer.length;
    }
    if (lineStart >= 0 && lineStart < range.end && pending.length > 0) {
      const line = Buffer.concat(pending).toString("utf8");
      if (line.trim() !== "") yield line;
    }
  } finally {
    body.destroy?.();
  }
}
