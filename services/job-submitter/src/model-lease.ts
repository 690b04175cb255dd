import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

/**
 * One filler per model at a time, so two submitters never both see the same free slot. A submitter that
 * finds the lease taken marks the model `dirty` instead of waiting; the holder sees the mark when it tries to
 * release and fills again, so no wake-up is lost. A dead holder blocks the model until its short lease ends.
 */
const leaseKey = (modelId: string) => ({ pk: `L#${modelId}` });

export async function acquireModelLease(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until REMOVE dirty",
        ConditionExpression: "attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseOwner = :owner",
        ExpressionAttributeValues: { ":owner": owner, ":until": now + ttlMs, ":now": now },
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "SET dirty = :yes",
        ExpressionAttributeValues: { ":yes": true },
      }),
    );
    return false;
  }
}

/** Releases the lease; false when someone asked for another fill meanwhile (the caller then fills again). */
export async function releaseModelLease(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  owner: string,
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(modelId),
        UpdateExpression: "REMOVE leaseOwner, leaseUntil",
        ConditionExpression: "leaseOwner = :owner AND attribute_not_exists(dirty)",
        ExpressionAttributeValues: { ":owner": owner },
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return false;
  }
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
