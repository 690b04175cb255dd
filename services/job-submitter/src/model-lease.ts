import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditional } from "@recap/shared/runtime";

/**
 * One filler per model at a time, so two submitters never both see the same free slot. A submitter that
 * finds the lease held marks the model `dirty` instead of waiting; the holder's release fails on the mark and
 * it fills again, so no wake-up is lost. The mark is only set while the lease is held (else the caller simply
 * takes the lease), and only a (re)acquire clears it, never a renewal. A dead holder blocks its model until its
 * short lease runs out.
 */
const leaseKey = (modelId: string) => ({ pk: `L#${modelId}` });
/** Rounds of "take the lease, or mark it" before giving up to the tick (the lease changing hands each time). */
const MARK_ATTEMPTS = 3;

export async function acquireModelLease(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  owner: string,
  ttlMs: number,
  now = Date.now,
): Promise<boolean> {
  for (let attempt = 0; attempt < MARK_ATTEMPTS; attempt++) {
    if (await take(db, table, modelId, owner, ttlMs, now())) return true;
    if (await markDirty(db, table, modelId, now())) return false;
  }
  return false;
}

async function take(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  owner: string,
  ttlMs: number,
  now: number,
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until REMOVE dirty",
        ConditionExpression: "attribute_not_exists(leaseOwner) OR leaseUntil < :now OR leaseOwner = :owner",
        ExpressionAttributeValues: { ":owner": owner, ":until": now + ttlMs, ":now": now },
      }),
    ),
  );
}

/** Asks the current holder for another fill; false when nobody holds the lease any more. */
async function markDirty(db: DynamoDBDocumentClient, table: string, modelId: string, now: number) {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "SET dirty = :yes",
        ConditionExpression: "attribute_exists(leaseOwner) AND leaseUntil >= :now",
        ExpressionAttributeValues: { ":yes": true, ":now": now },
      }),
    ),
  );
}

/** Extends a lease still held; false once it was lost (the filler then stops creating). */
export async function renewModelLease(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "SET leaseUntil = :until",
        ConditionExpression: "leaseOwner = :owner AND leaseUntil > :now",
        ExpressionAttributeValues: { ":owner": owner, ":until": now + ttlMs, ":now": now },
      }),
    ),
  );
}

/** Releases the lease; false when someone asked for another fill meanwhile (the caller then fills again). */
export async function releaseModelLease(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  owner: string,
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "REMOVE leaseOwner, leaseUntil",
        ConditionExpression: "leaseOwner = :owner AND attribute_not_exists(dirty)",
        ExpressionAttributeValues: { ":owner": owner },
      }),
    ),
  );
}

/** Lets go of a lease still held by this owner, pending requests and all. */
export async function forceReleaseModelLease(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  owner: string,
): Promise<void> {
  await conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "REMOVE leaseOwner, leaseUntil, dirty",
        ConditionExpression: "leaseOwner = :owner",
        ExpressionAttributeValues: { ":owner": owner },
      }),
    ),
  );
}

export async function readLearnedQuota(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
): Promise<{ quota: number; until: number } | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: leaseKey(modelId), ConsistentRead: true }),
  );
  return Item?.learnedQuota === undefined
    ? undefined
    : { quota: Number(Item.learnedQuota), until: Number(Item.learnedUntil) };
}

export async function recordLearnedQuota(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  quota: number,
  until: number,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: leaseKey(modelId),
      UpdateExpression: "SET learnedQuota = :quota, learnedUntil = :until",
      ExpressionAttributeValues: { ":quota": quota, ":until": until },
    }),
  );
}
