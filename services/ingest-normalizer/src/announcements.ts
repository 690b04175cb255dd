import { HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/**
 * A marker object written after an outcome is announced. Redeliveries and republishes of the same transcript
 * find it and emit nothing new. Written last: a crash between announcing and marking means one repeat of
 * the same event id, never a lost event.
 */
export function markerKey(outcomeKey: string): string {
  return `${outcomeKey}.announced`;
}

export async function wasAnnounced(s3: S3Client, bucket: string, outcomeKey: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: markerKey(outcomeKey) }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // 403 is how S3 says "no such key" to a caller without s3:ListBucket. Reading it as "not yet announced"
    // is safe: at worst the same outcome is stored and announced again, with the same event id.
    if (status === 404 || status === 403) return false;
    throw error;
  }
}

export async function markAnnounced(s3: S3Client, bucket: string, outcomeKey: string): Promise<void> {
  // The length is given because the SDK sets Content-Length only for a non-empty body, and warns of a
  // "Stream of unknown length" when it is missing.
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: markerKey(outcomeKey), Body: "", ContentLength: 0 }),
  );
}
