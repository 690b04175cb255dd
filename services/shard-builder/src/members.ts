import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { conditional, type RecordMapEntry } from "@recap/shared";
import type { PendingMember } from "./pack-shards.ts";

/** A unit of work inside the builder: written once, pending until exactly one shard claims it. */
export interface Member extends PendingMember, RecordMapEntry {
  group: string;
}

const memberKey = (recordId: string) => `M#${recordId}`;

/**
 * Records a member once. Its presence in the `pending` index (and `deadlines`, when it has one) is what makes
 * it packable; a redelivered or duplicate event finds the item already there and changes nothing.
 */
export async function putMemberOnce(
  db: DynamoDBDocumentClient,
  table: string,
  member: Member,
): Promise<boolean> {
  return conditional(
    db.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: memberKey(member.recordId),
          ...member,
          pendingGroup: member.group,
          ...(member.deadline
            ? { deadlineGroup: member.group, deadlineKey: `${member.deadline}#${member.recordId}` }
            : {}),
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}

export class MemberClaimedElsewhereError extends Error {
  override readonly name = "MemberClaimedElsewhereError";
}

/**
 * Claims a member for a shard: out of the pending indexes, `shard` set. Conditional, so a member can only ever
 * belong to one shard; repeating the claim for the same shard (a resumed seal) succeeds.
 */
export async function claimMember(
  db: DynamoDBDocumentClient,
  table: string,
  recordId: string,
  shardId: string,
): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: memberKey(recordId) },
        // The index range keys stay, so that an aborted seal can put the member back where it was.
        UpdateExpression: "SET #shard = :shard REMOVE pendingGroup, deadlineGroup",
        ConditionExpression: "attribute_exists(pk) AND (attribute_not_exists(#shard) OR #shard = :shard)",
        ExpressionAttributeNames: { "#shard": "shard" },
        ExpressionAttributeValues: { ":shard": shardId },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new MemberClaimedElsewhereError(`record ${recordId} is missing or already in another shard`);
    }
    throw error;
  }
}

/**
 * Puts a member claimed by a seal that can never complete back among the pending, as it was. Only a member
 * of that shard is touched.
 */
export async function releaseMember(
  db: DynamoDBDocumentClient,
  table: string,
  recordId: string,
  shardId: string,
  hasDeadline: boolean,
): Promise<void> {
  await conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: memberKey(recordId) },
        UpdateExpression: `SET pendingGroup = #group${hasDeadline ? ", deadlineGroup = #group" : ""} REMOVE #shard`,
        ConditionExpression: "#shard = :shard",
        ExpressionAttributeNames: { "#group": "group", "#shard": "shard" },
        ExpressionAttributeValues: { ":shard": shardId },
      }),
    ),
  );
}

export async function memberExists(
  db: DynamoDBDocumentClient,
  table: string,
  recordId: string,
): Promise<boolean> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: { pk: memberKey(recordId) }, ProjectionExpression: "pk" }),
  );
  return Item !== undefined;
}

/**
 * Of these members, the ones the table (read strongly consistent, unlike an index) says no shard has claimed.
 * On AWS a global index can lag behind a claim; a seal planned from it must not reach for a claimed member.
 */
export async function stillUnclaimed<M extends { recordId: string }>(
  db: DynamoDBDocumentClient,
  table: string,
  members: readonly M[],
): Promise<M[]> {
  const claimed = new Set<string>();
  for (let i = 0; i < members.length; i += BATCH_GET_LIMIT) {
    let keys: Record<string, unknown>[] | undefined = members
      .slice(i, i + BATCH_GET_LIMIT)
      .map((m) => ({ pk: memberKey(m.recordId) }));
    while (keys && keys.length > 0) {
      const page: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: keys,
              ConsistentRead: true,
              ProjectionExpression: "recordId, #shard",
              ExpressionAttributeNames: { "#shard": "shard" },
            },
          },
        }),
      );
      for (const item of page.Responses?.[table] ?? []) if (item.shard) claimed.add(String(item.recordId));
      keys = page.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return members.filter((m) => !claimed.has(m.recordId));
}

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;

/**
 * A group's pending members, oldest first, until `enough` says stop: a seal needs at most one shard's worth
 * (plus one, to tell a full shard from an exact fit), never the whole backlog.
 */
export async function pendingMembers(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  enough: (members: readonly Member[]) => boolean,
): Promise<Member[]> {
  const members: Member[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: "pending",
        KeyConditionExpression: "pendingGroup = :group",
        ExpressionAttributeValues: { ":group": group },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) members.push(toMember(item));
    start = page.LastEvaluatedKey;
  } while (start && !enough(members));
  return members;
}

/** The first pending member by arrival, or by deadline: what time-based sealing needs, one item each. */
export async function firstPending(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  by: "arrival" | "deadline",
): Promise<Member | undefined> {
  const page = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: by === "arrival" ? "pending" : "deadlines",
      KeyConditionExpression: `${by === "arrival" ? "pendingGroup" : "deadlineGroup"} = :group`,
      ExpressionAttributeValues: { ":group": group },
      Limit: 1,
    }),
  );
  const [item] = page.Items ?? [];
  return item ? toMember(item) : undefined;
}

function toMember(item: Record<string, unknown>): Member {
  const { pk: _pk, pendingGroup: _p, deadlineGroup: _d, deadlineKey: _k, shard: _s, ...member } = item;
  return member as unknown as Member;
}
