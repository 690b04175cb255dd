import type { Logger } from "@aws-lambda-powertools/logger";
import { HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createEvent, shardSealed } from "@recap/shared";
import type { Publish } from "@recap/shared/runtime";
import type { Group } from "./group-key.ts";
import { abandonSeal, beginSeal, finishSeal, LeaseLostError, type SealInProgress } from "./group-state.ts";
import { claimMember, MemberClaimedElsewhereError, releaseMember } from "./members.ts";
import { orderedObjects } from "./ordered-lines.ts";
import { readRecordMap } from "./record-map.ts";
import { recordLineKey, shardKeys } from "./shard-id.ts";
import { uploadLines } from "./upload-lines.ts";

export const PRODUCER = "shard-builder";
/**
 * Claims and line fetches in flight at once. More does not help: sealing is CPU-bound on the SDK's work per
 * request (about 1.8 ms each in the bench), and 32 in flight sealed 5,000 records no faster than 16.
 */
const CONCURRENCY = 16;

export interface SealDeps {
  db: DynamoDBDocumentClient;
  table: string;
  s3: S3Client;
  bucket: string;
  publish: Publish;
  logger: Logger;
  owner: string;
  /** Renews this sealer's lease; false once it is lost (the seal then stops, and the next sealer resumes it). */
  renewLease: () => Promise<boolean>;
}

/**
 * Starts a seal whose record map is written (planShard writes it first): `sealing` on the group (the point of
 * no return), then the rest. Returns false if another seal was recorded first; its members are left for the
 * next plan.
 */
export async function startSeal(
  deps: SealDeps,
  group: Group,
  groupKey: string,
  seal: SealInProgress,
  recordIds: readonly string[],
): Promise<boolean> {
  if (!(await beginSeal(deps.db, deps.table, groupKey, deps.owner, seal))) return false;
  return completeSeal(deps, group, groupKey, seal, recordIds);
}

/** Finishes a recorded seal from its record map: the path of every sealer that finds one half done. */
export async function resumeSeal(deps: SealDeps, group: Group, groupKey: string, seal: SealInProgress) {
  const recordIds: string[] = [];
  for await (const entry of readRecordMap(deps.s3, deps.bucket, shardKeys(seal.shardId).recordMap))
    recordIds.push(entry.recordId);
  deps.logger.info("resuming a seal", { shardId: seal.shardId, records: recordIds.length });
  return completeSeal(deps, group, groupKey, seal, recordIds);
}

/**
 * Claim every member, stream the JSONL, announce, clear. Each step is idempotent, so a crash anywhere is
 * finished by whoever comes next: claims repeat for the same shard, the shard's bytes are the same, and the
 * announcement repeats with the same event id. Sealed shards are never rewritten with other content. Only the
 * record ids are held: everything else about the members is in the record map.
 */
async function completeSeal(
  deps: SealDeps,
  group: Group,
  groupKey: string,
  seal: SealInProgress,
  recordIds: readonly string[],
): Promise<boolean> {
  let claimed = 0;
  try {
    await forEachConcurrently(recordIds, CONCURRENCY, async (recordId) => {
      await claimMember(deps.db, deps.table, recordId, seal.shardId);
      if (++claimed % 2_000 === 0 && !(await deps.renewLease())) throw new LeaseLostError(seal.shardId);
    });
  } catch (error) {
    if (!(error instanceof MemberClaimedElsewhereError)) throw error;
    await abandon(deps, groupKey, seal, error);
    return false;
  }
  if (!(await deps.renewLease())) throw new LeaseLostError(seal.shardId);
  const keys = shardKeys(seal.shardId);
  // A resumed seal whose upload completed leaves it be: a sealed shard is never written twice.
  if ((await objectSize(deps.s3, deps.bucket, keys.input)) !== seal.bytes) {
    await uploadLines(
      deps.s3,
      deps.bucket,
      keys.input,
      renewingEvery(2_000, orderedObjects(deps.s3, deps.bucket, recordIds, recordLineKey, CONCURRENCY), deps),
    );
  }
  await deps.publish(
    createEvent(shardSealed, {
      producer: PRODUCER,
      correlationId: seal.shardId,
      data: {
        shardId: seal.shardId,
        modelId: group.modelId,
        profile: group.profile,
        kind: seal.kind,
        inputUri: `s3://${deps.bucket}/${keys.input}`,
        recordMapUri: `s3://${deps.bucket}/${keys.recordMap}`,
        records: seal.records,
        bytes: seal.bytes,
        estimatedInputTokens: seal.estimatedInputTokens,
        ...(seal.earliestDeadline ? { earliestDeadline: seal.earliestDeadline } : {}),
        sealedAt: seal.sealedAt,
      },
    }),
  );
  await finishSeal(deps.db, deps.table, groupKey, seal);
  deps.logger.info("shard sealed", {
    shardId: seal.shardId,
    kind: seal.kind,
    records: seal.records,
    bytes: seal.bytes,
  });
  return true;
}

/**
 * A member this seal needs belongs to another shard (possible on AWS only when a plan was built from a
 * lagging index despite the consistent re-read): the seal can never be announced. Its members, as the record
 * map lists them, go back to pending and the seal is cleared; the next plan packs them again.
 */
async function abandon(
  deps: SealDeps,
  groupKey: string,
  seal: SealInProgress,
  error: MemberClaimedElsewhereError,
): Promise<void> {
  deps.logger.error("seal abandoned: a member is in another shard", {
    shardId: seal.shardId,
    error: error.message,
  });
  const members: { recordId: string; hasDeadline: boolean }[] = [];
  const recordMap = readRecordMap(deps.s3, deps.bucket, shardKeys(seal.shardId).recordMap);
  for await (const entry of recordMap)
    members.push({ recordId: entry.recordId, hasDeadline: entry.deadline !== undefined });
  await forEachConcurrently(members, CONCURRENCY, (member) =>
    releaseMember(deps.db, deps.table, member.recordId, seal.shardId, member.hasDeadline),
  );
  await abandonSeal(deps.db, deps.table, groupKey, seal.shardId);
}

/** The object's size, or undefined if absent (S3 says 403 for a missing key to a caller without ListBucket). */
async function objectSize(s3: S3Client, bucket: string, key: string): Promise<number | undefined> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || status === 403) return undefined;
    throw error;
  }
}

/** Passes the lines through, renewing the lease every so many: a 50,000-line upload outlasts one lease. */
async function* renewingEvery<T>(every: number, items: AsyncIterable<T>, deps: SealDeps): AsyncGenerator<T> {
  let count = 0;
  for await (const item of items) {
    if (++count % every === 0 && !(await deps.renewLease()))
      throw new LeaseLostError("lease lost mid-upload");
    yield item;
  }
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
