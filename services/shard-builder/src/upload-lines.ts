import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";

/**
 * S3's smallest part (fauxqs refuses bodies over 11 MiB). A seal fills one buffer of this size and sends it
 * before filling it again, so a 250 MB shard costs 5 MiB of part memory, allocated once: fresh part buffers
 * (what a general-purpose uploader makes) are freed only when the GC gets to them, and their churn showed as
 * tens of megabytes of RSS in the 50,000-record bench.
 */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * Streams JSONL to one S3 object: a single PutObject if it fits in one part, else a multipart upload, aborted
 * if the lines fail (so a failed write leaves no object and no parts). CRC32 is asked for explicitly, as every
 * SDK default checksum setting accepts.
 */
export async function uploadLines(
  s3: S3Client,
  bucket: string,
  key: string,
  lines: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): Promise<void> {
  const object = { Bucket: bucket, Key: key };
  const part = Buffer.allocUnsafe(PART_BYTES);
  let filled = 0;
  let uploadId: string | undefined;
  const parts: CompletedPart[] = [];
  const sendPart = async () => {
    uploadId ??= (
      await s3.send(
        new CreateMultipartUploadCommand({
          ...object,
          ContentType: CONTENT_TYPE,
          ChecksumAlgorithm: "CRC32",
        }),
      )
    ).UploadId;
    const PartNumber = parts.length + 1;
    const sent = await s3.send(
      new UploadPartCommand({
        ...object,
        UploadId: uploadId,
        PartNumber,
        Body: part.subarray(0, filled),
        ChecksumAlgorithm: "CRC32",
      }),
    );
    parts.push({ PartNumber, ETag: sent.ETag, ChecksumCRC32: sent.ChecksumCRC32 });
    filled = 0;
  };
  try {
    for await (const line of lines) {
      const bytes = typeof line === "string" ? Buffer.from(line) : line;
      for (let offset = 0; offset < bytes.byteLength; ) {
        const take = Math.min(bytes.byteLength - offset, PART_BYTES - filled);
        part.set(bytes.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === PART_BYTES) await sendPart();
      }
    }
    if (uploadId === undefined) {
      await s3.send(
        new PutObjectCommand({ ...object, Body: part.subarray(0, filled), ContentType: CONTENT_TYPE }),
      );
      return;
    }
    if (filled > 0) await sendPart();
    await s3.send(
      new CompleteMultipartUploadCommand({
        ...object,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    if (uploadId !== undefined)
      await s3
        .send(new AbortMultipartUploadCommand({ ...object, UploadId: uploadId }))
        .catch(() => undefined);
    throw error;
  }
}

const CONTENT_TYPE = "application/jsonl";
