import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

/** 5 MiB parts: S3's minimum, and well under the 11 MiB a single request to the local emulator may carry. */
const PART_BYTES = 5 * 1024 * 1024;

/**
 * Writes a JSONL object as a stream of lines through a multipart upload, so output of any size is written
 * with flat memory. `write` waits when the upload falls behind.
 */
export class JsonlUpload {
  readonly #body = new PassThrough();
  readonly #upload: Upload;
  readonly #done: Promise<unknown>;

  constructor(s3: S3Client, bucket: string, key: string) {
    this.#upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: key, Body: this.#body, ContentType: "application/jsonl" },
      partSize: PART_BYTES,
      queueSize: 2,
    });
    this.#done = this.#upload.done();
    // Surface an upload failure on the next write or on close, not as an unhandled rejection.
    this.#done.catch(() => {});
  }

  async write(line: string): Promise<void> {
    if (!this.#body.write(`${line}\n`)) await Promise.race([once(this.#body, "drain"), this.#done]);
  }

  async close(): Promise<void> {
    this.#body.end();
    await this.#done;
  }

  /** Gives up: the multipart upload is aborted, so no half-written object appears under the key. */
  async abort(): Promise<void> {
    await this.#upload.abort();
    this.#body.destroy();
  }
}
