import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { RecordMapEntry } from "@recap/shared";
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
  try {
    await db.send(
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
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
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
        UpdateExpression: "SET #shard = :shard REMOVE pendingGroup, deadlineGroup, deadlineKey",
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
