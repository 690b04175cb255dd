import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { MAX_REFERENCED_TRANSCRIPT_BYTES } from "@recap/shared";
import { UnreadableTranscriptError } from "./formats/unreadable.ts";
import { decodeTranscriptBytes } from "./transcript-bytes.ts";

/** A referenced transcript S3 has answered for: its size is known, its body not read yet. */
export interface OpenedContent {
  /** What reading it will hold: its declared length, or the cap when S3 declares none. */
  bytes: number;
  /** Streams the body, stopping as soon as it passes the size cap, and decodes it as text. */
  read(): Promise<string>;
}

/**
 * Asks S3 for a referenced transcript, and says how big it is before reading it, so the caller can wait for
 * room first (see {@link ByteBudget}). Missing objects and bad bytes are the producer's to fix; any other
 * failure (throttling, a 5xx) is thrown as it is, so the message is retried.
 */
export async function openContent(s3: S3Client, uri: string): Promise<OpenedContent> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match?.[1] || !match[2])
    throw new UnreadableTranscriptError("missing-object", `${uri} is not an s3://bucket/key URI`);
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
    const declared = object.ContentLength;
    if ((declared ?? 0) > MAX_REFERENCED_TRANSCRIPT_BYTES) {
      (object.Body as Readable | undefined)?.destroy();
      throw oversize(uri);
    }
    return {
      bytes: declared ?? MAX_REFERENCED_TRANSCRIPT_BYTES,
      read: () => readBody(object.Body as Readable, declared, uri),
    };
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
}

/**
 * Into one buffer of the declared length where S3 declares one, rather than chunks then a copy of them all:
 * a 9 MB body is held once, not twice, until it is decoded.
 */
async function readBody(body: Readable, declared: number | undefined, uri: string): Promise<string> {
  const chunks: Buffer[] = [];
  const whole = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined;
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > MAX_REFERENCED_TRANSCRIPT_BYTES) {
      body.destroy();
      throw oversize(uri);
    }
    if (whole && size + chunk.length > whole.length) {
      body.destroy();
      // HTTP framing forbids it; a broken response is retried, not blamed on the producer.
      throw new Error(`${uri}: S3 sent more than the ${whole.length} bytes it declared`);
    }
    if (whole) chunk.copy(whole, size);
    else chunks.push(chunk);
    size += chunk.length;
  }
  return decodeTranscriptBytes(whole ? whole.subarray(0, size) : Buffer.concat(chunks), uri);
}

function oversize(uri: string): UnreadableTranscriptError {
  return new UnreadableTranscriptError(
    "oversize",
    `${uri} is larger than ${MAX_REFERENCED_TRANSCRIPT_BYTES} bytes, the most a referenced transcript may be`,
  );
}
