import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ShardKind } from "@recap/shared";
import { conditional } from "@recap/shared/runtime";

/** A seal in progress, recorded before its first side effect so that whoever comes next finishes it. */
export interface SealInProgress {
  shardId: string;
  kind: ShardKind;
  sealedAt: string;
  records: number;
  bytes: number;
  estimatedInputTokens: number;
  earliestDeadline?: string;
}

export interface GroupState {
  /** Running totals of pending members: hints that say when a full query is worth making. */
  records: number;
  bytes: number;
  sealing?: SealInProgress;
}

const groupKeyOf = (group: string) => ({ pk: `G#${group}` });

export async function readGroup(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
): Promise<GroupState> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: groupKeyOf(group), ConsistentRead: true }),
  );
  return {
    records: Number(Item?.records ?? 0),
    bytes: Number(Item?.bytes ?? 0),
    ...(Item?.sealing ? { sealing: Item.sealing as SealInProgress } : {}),
  };
}

/**
 * Counts new members into the group's totals: one update per batch, by the writer that created them. A crash
 * before it leaves them uncounted, which only delays a size-based seal: the time-based checks read the indexes.
 */
export async function countMembers(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  added: { records: number; bytes: number },
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: groupKeyOf(group),
      UpdateExpression: "ADD #records :one, #bytes :bytes",
      ExpressionAttributeNames: { "#records": "records", "#bytes": "bytes" },
      ExpressionAttributeValues: { ":one": added.records, ":bytes": added.bytes },
    }),
  );
}

/** This sealer's lease ran out and another took it: the seal stops, and that sealer resumes it. */
export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
}

/**
 * One sealer per group at a time. The lease is short and renewed while a seal runs, so a sealer that dies
 * blocks its group for seconds, not minutes. Exclusivity is an optimisation only: correctness rests on
 * `sealing` and the conditional member claims, so a sealer that outlives its lease cannot do harm.
 */
export async function acquireLease(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: groupKeyOf(group),
        UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until",
        ConditionExpression: "attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseOwner = :owner",
        ExpressionAttributeValues: { ":owner": owner, ":until": now + ttlMs, ":now": now },
      }),
    ),
  );
}

export async function releaseLease(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  owner: string,
): Promise<void> {
  await conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: groupKeyOf(group),
        UpdateExpression: "REMOVE leaseOwner, leaseUntil",
        ConditionExpression: "leaseOwner = :owner",
        ExpressionAttributeValues: { ":owner": owner },
      }),
    ),
  );
}

/** Records the seal about to start; refused if another seal is recorded or the lease is no longer ours. */
export async function beginSeal(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  owner: string,
  seal: SealInProgress,
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: groupKeyOf(group),
        UpdateExpression: "SET sealing = :seal",
        ConditionExpression: "leaseOwner = :owner AND attribute_not_exists(sealing)",
        ExpressionAttributeValues: { ":seal": seal, ":owner": owner },
      }),
    ),
  );
}

/** The seal is announced: clear it and take its members out of the totals, once, whoever gets here first. */
export async function finishSeal(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  seal: SealInProgress,
): Promise<void> {
  await conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: groupKeyOf(group),
        UpdateExpression: "REMOVE sealing ADD #records :records, #bytes :bytes",
        ConditionExpression: "sealing.shardId = :shardId",
        ExpressionAttributeNames: { "#records": "records", "#bytes": "bytes" },
        ExpressionAttributeValues: {
          ":shardId": seal.shardId,
          ":records": -seal.records,
          ":bytes": -seal.bytes,
        },
      }),
    ),
  );
}

/**
 * Gives up a recorded seal that can never complete (a member it needs belongs to another shard): its members
 * go back to pending first, then `sealing` is cleared, without touching the counts (none were subtracted).
 */
export async function abandonSeal(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  shardId: string,
): Promise<void> {
  await conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: groupKeyOf(group),
        UpdateExpression: "REMOVE sealing",
        ConditionExpression: "sealing.shardId = :shardId",
        ExpressionAttributeValues: { ":shardId": shardId },
      }),
    ),
  );
}
