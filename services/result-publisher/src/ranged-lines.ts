import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { ChunkRange } from "./chunk-ranges.ts";

const NEWLINE = 0x0a;

/** Reads a chunk's lines from S3 with one ranged GET, from the byte before its start to the end of the file. */
export async function* rangedLines(s3: S3Client, bucket: string, range: ChunkRange): AsyncGenerator<string> {
  const from = Math.max(0, range.start - 1);
  const object = await s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: range.key, Range: `bytes=${from}-` }),
  );
  const body = object.Body as AsyncIterable<Uint8Array> & { destroy?: () => void };
  try {
    yield* linesInRange(body, range);
  } finally {
    // Stops the download once the chunk's last line is read.
    body.destroy?.();
  }
}

/**
 * The lines a chunk owns, from bytes that begin one byte before its start (at 0 for the first chunk): every
 * line that starts at or after `start` and before `end`. The byte before `start` tells whether a line begins
 * exactly at `start`; a line that crosses `end` is read to its end. Adjacent chunks therefore yield every line
 * of a file exactly once, whatever the boundaries. Memory holds one line, whatever the file's size.
 */
export async function* linesInRange(
  bytes: AsyncIterable<Uint8Array>,
  range: Pick<ChunkRange, "start" | "end">,
): AsyncGenerator<string> {
  // File offset of the first byte of the current piece, and of the line being gathered (-1: skipping).
  let offset = Math.max(0, range.start - 1);
  let lineStart = range.start === 0 ? 0 : -1;
  let pending: Buffer[] = [];
  for await (const piece of bytes) {
    const buffer = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let cursor = 0;
    for (;;) {
      const newline = buffer.indexOf(NEWLINE, cursor);
      if (newline < 0) {
        if (lineStart >= 0) pending.push(Buffer.from(buffer.subarray(cursor)));
        break;
      }
      if (lineStart >= 0) {
        pending.push(buffer.subarray(cursor, newline));
        const line = Buffer.concat(pending).toString("utf8");
        if (line.trim() !== "") yield line;
      }
      pending = [];
      lineStart = offset + newline + 1;
      if (lineStart >= range.end) return;
      cursor = newline + 1;
    }
    offset += buffer.length;
  }
  if (lineStart >= 0 && pending.length > 0) {
    const line = Buffer.concat(pending).toString("utf8");
    if (line.trim() !== "") yield line;
  }
}
