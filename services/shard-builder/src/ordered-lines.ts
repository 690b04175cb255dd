import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/**
 * The objects of `ids` (under `keyOf(id)`), fetched `concurrency` at a time and yielded in the order given, so
 * a shard of 50,000 records streams through with a few objects in memory at once, never the whole shard. Keys
 * are made as they are fetched, not all beforehand.
 */
export async function* orderedObjects(
  s3: S3Client,
  bucket: string,
  ids: readonly string[],
  keyOf: (id: string) => string,
  concurrency: number,
): AsyncGenerator<Uint8Array> {
  const inFlight: Promise<Uint8Array>[] = [];
  let next = 0;
  const fetchOne = async (id: string): Promise<Uint8Array> => {
    const key = keyOf(id);
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
    return object.Body.transformToByteArray();
  };
  while (next < ids.length && inFlight.length < concurrency) inFlight.push(fetchOne(ids[next++] as string));
  while (inFlight.length > 0) {
    const body = await (inFlight.shift() as Promise<Uint8Array>);
    if (next < ids.length) inFlight.push(fetchOne(ids[next++] as string));
    yield body;
  }
}
