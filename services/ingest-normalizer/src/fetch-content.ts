import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { MAX_REFERENCED_TRANSCRIPT_BYTES } from "@recap/shared";
import { UnreadableTranscriptError } from "./formats/unreadable.ts";
import { decodeTranscriptBytes } from "./transcript-bytes.ts";

/**
 * Streams a referenced transcript from S3, stopping as soon as it passes the size cap, and decodes it as
 * text (see {@link decodeTranscriptBytes}). Missing objects and bad bytes are the producer's to fix; any other failure (throttling, a
 * 5xx) is thrown as it is, so the message is retried.
 */
export async function fetchContent(s3: S3Client, uri: string): Promise<string> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match?.[1] || !match[2])
    throw new UnreadableTranscriptError("missing-object", `${uri} is not an s3://bucket/key URI`);
  let body: Readable;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
    if ((object.ContentLength ?? 0) > MAX_REFERENCED_TRANSCRIPT_BYTES) throw oversize(uri);
    body = object.Body as Readable;
  } catch (error) {
    if (error instanceof UnreadableTranscriptError) throw error;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // Without s3:ListBucket (ingest has none) S3 answers 403, not 404, for a key that does not exist.
    if (status === 404 || status === 403) {
      throw new UnreadableTranscriptError(
        "missing-object",
        `${uri} does not exist or is not under the Store's raw/ prefix`,
      );
    }
    throw error;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REFERENCED_TRANSCRIPT_BYTES) {
      body.destroy();
      throw oversize(uri);
    }
    chunks.push(chunk);
  }
  return decodeTranscriptBytes(Buffer.concat(chunks), uri);
}

function oversize(uri: string): UnreadableTranscriptError {
  return new UnreadableTranscriptError(
    "oversize",
    `${uri} is larger than ${MAX_REFERENCED_TRANSCRIPT_BYTES} bytes, the most a referenced transcript may be`,
  );
}
