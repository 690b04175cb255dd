import {
  DeleteObjectsCommand,
  GetBucketLifecycleConfigurationCommand,
  type LifecycleRule,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { storeLifecycleRules } from "@recap/shared/lifecycle";
import { onEmulatedClock, readClock } from "./clock.ts";
import { expiredObjects, type ListedObject } from "./expiry.ts";
import { bucketLifecycleConfiguration, expirationRulesOf, type RuleNotEmulated } from "./rules.ts";

/** DeleteObjects takes at most 1,000 keys a request. */
const DELETE_BATCH = 1000;

export class LifecycleDeleteFailedError extends Error {
  override readonly name = "LifecycleDeleteFailedError";
}

export interface SweepResult {
  /** Now on the emulated clock. */
  emulatedNow: Date;
  /** Objects deleted, by rule ID; every expiring rule is present, 0 when it expired nothing. */
  expired: Record<string, number>;
  notEmulated: RuleNotEmulated[];
}

/** Gives the emulator's bucket the lifecycle rules the topology gives the deployed one. */
export async function putStoreLifecycle(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: bucketLifecycleConfiguration(storeLifecycleRules),
    }),
  );
}

/** The bucket's lifecycle rules as S3 returns them; none when it has no configuration. */
export async function bucketLifecycleRules(s3: S3Client, bucket: string): Promise<LifecycleRule[]> {
  try {
    return (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
  } catch (error) {
    if (error instanceof S3ServiceException && error.name === "NoSuchLifecycleConfiguration") return [];
    throw error;
  }
}

/**
 * What S3's lifecycle would have done by now on the emulated clock (the state directory's): every object
 * under an expiring rule of the bucket's own configuration is listed, and those past their expiry deleted.
 * S3 does this once a day and may lag; here it happens whenever the sweep runs.
 */
export async function sweepExpired(
  s3: S3Client,
  bucket: string,
  dir: string,
  realNow = new Date(),
): Promise<SweepResult> {
  const clock = await readClock(dir);
  const emulatedNow = onEmulatedClock(clock, realNow);
  const { expiring, notEmulated } = expirationRulesOf(await bucketLifecycleRules(s3, bucket));
  const objects = new Map<string, ListedObject>();
  for (const prefix of new Set(expiring.map((rule) => rule.prefix))) {
    for await (const object of listObjects(s3, bucket, prefix)) {
      objects.set(object.key, { key: object.key, lastModified: onEmulatedClock(clock, object.lastModified) });
    }
  }
  const expired = expiredObjects(expiring, objects.values(), emulatedNow);
  for (let start = 0; start < expired.length; start += DELETE_BATCH) {
    await deleteObjects(
      s3,
      bucket,
      expired.slice(start, start + DELETE_BATCH).map((object) => object.key),
    );
  }
  const counts = Object.fromEntries(expiring.map((rule) => [rule.id, 0]));
  for (const object of expired) counts[object.ruleId] = (counts[object.ruleId] ?? 0) + 1;
  return { emulatedNow, expired: counts, notEmulated };
}

/** Every object under a prefix, ListObjectsV2 page by page. */
export async function* listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
): AsyncGenerator<ListedObject> {
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        ...(prefix ? { Prefix: prefix } : {}),
        ...(token ? { ContinuationToken: token } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      if (object.Key && object.LastModified) yield { key: object.Key, lastModified: object.LastModified };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

async function deleteObjects(s3: S3Client, bucket: string, keys: string[]): Promise<void> {
  const answer = await s3.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
    }),
  );
  const errors = answer.Errors ?? [];
  if (errors.length > 0)
    throw new LifecycleDeleteFailedError(
      `${errors.length} of ${keys.length} expired objects were not deleted (first: ${errors[0]?.Key}: ${errors[0]?.Code}); the next sweep tries again`,
    );
}
