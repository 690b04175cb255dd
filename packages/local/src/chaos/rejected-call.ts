import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Envelope } from "@recap/shared";

/**
 * Which published call a `transcript.rejected` without a transcript id was: an event too broken to carry a
 * valid id can only be told by its body, which the rejection keeps byte for byte at `rawUri`. A user tracing
 * such a rejection does the same.
 */
export async function rejectedCall(
  s3: S3Client,
  event: Envelope,
  callOfBody: ReadonlyMap<string, string>,
): Promise<string | undefined> {
  const { rawUri } = event.data as { rawUri?: string };
  const match = rawUri?.match(/^s3:\/\/([^/]+)\/(.+)$/);
  if (!match?.[1] || !match[2]) return undefined;
  const object = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
  return callOfBody.get((await object.Body?.transformToString("utf8")) ?? "");
}
