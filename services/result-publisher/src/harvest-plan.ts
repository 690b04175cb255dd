import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditional } from "@recap/shared/runtime";
import type { ChunkRange } from "./chunk-ranges.ts";
import type { HarvestTotals } from "./harvest-totals.ts";

/**
 * A finished job's harvest in the result stage's table: its chunks, fixed once at planning (a terminal job's
 * output never changes), and each chunk's totals as it completes. Writing a chunk's totals is idempotent (the
 * same chunk gives the same totals), so "every chunk has totals" means the whole output is harvested.
 */
export interface HarvestPlan {
  shardId: string;
  plannedAt: string;
  chunks: ChunkRange[];
  manifestKey?: string;
  totals: Record<string, HarvestTotals>;
  /** Its chunks were published: a repeated job.finished need not send them again (SQS keeps them). */
  dispatched?: boolean;
  reported?: boolean;
}

const planKey = (shardId: string) => ({ pk: `H#${shardId}` });

/** The plan, written once; a repeat (redelivered job.finished) gets the first plan back. */
export async function fixPlan(
  db: DynamoDBDocumentClient,
  table: string,
  plan: HarvestPlan,
): Promise<HarvestPlan> {
  await conditional(
    db.send(
      new PutCommand({
        TableName: table,
        Item: { ...planKey(plan.shardId), ...plan },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
  const stored = await planOf(db, table, plan.shardId);
  if (!stored) throw new Error(`harvest plan of ${plan.shardId} vanished`);
  return stored;
}

export async function planOf(
  db: DynamoDBDocumentClient,
  table: string,
  shardId: string,
): Promise<HarvestPlan | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: planKey(shardId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { pk: _pk, ...plan } = Item;
  return plan as HarvestPlan;
}

/** Stores one chunk's totals and returns the plan as it now stands. */
export async function completeChunk(
  db: DynamoDBDocumentClient,
  table: string,
  shardId: string,
  chunk: number,
  totals: HarvestTotals,
): Promise<HarvestPlan> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: planKey(shardId),
      UpdateExpression: "SET totals.#chunk = :totals",
      ExpressionAttributeNames: { "#chunk": String(chunk) },
      ExpressionAttributeValues: { ":totals": totals },
      ReturnValues: "ALL_NEW",
    }),
  );
  const { pk: _pk, ...plan } = Attributes ?? {};
  return plan as HarvestPlan;
}

export function markDispatched(db: DynamoDBDocumentClient, table: string, shardId: string) {
  return mark(db, table, shardId, "dispatched");
}

export function markReported(db: DynamoDBDocumentClient, table: string, shardId: string) {
  return mark(db, table, shardId, "reported");
}

async function mark(
  db: DynamoDBDocumentClient,
  table: string,
  shardId: string,
  flag: "dispatched" | "reported",
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: planKey(shardId),
      UpdateExpression: "SET #flag = :yes",
      ExpressionAttributeNames: { "#flag": flag },
      ExpressionAttributeValues: { ":yes": true },
    }),
  );
}
