import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type RecordMapEntry, recordMapEntrySchema } from "@recap/shared";
import { batchGetAll, conditional } from "@recap/shared/runtime";
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

/** Every field a record-map line holds, read by name (several are DynamoDB reserved words). */
const ENTRY_FIELDS = [...Object.keys(recordMapEntrySchema.shape), "shard"];
const ENTRY_PROJECTION = {
  ProjectionExpression: ENTRY_FIELDS.map((_, i) => `#f${i}`).join(", "),
  ExpressionAttributeNames: Object.fromEntries(ENTRY_FIELDS.map((field, i) => [`#f${i}`, field])),
};

/** One page of a planned shard's members as the table itself holds them. */
export interface EntryPage {
  /** The record-map entries of the members no shard has claimed, in the order asked for. */
  entries: RecordMapEntry[];
  /** The members a shard has already claimed, or that are gone: the plan must drop them. */
  claimed: string[];
}

/**
 * Members' record-map entries (a page of up to 100), read strongly consistent: unlike an index, this sees
 * every claim. On AWS a global index can lag behind a claim, so a seal planned from it must check here before
 * it reaches for a member; the same read gives the record map its fields, so planning never holds whole items.
 * Keys DynamoDB leaves unprocessed are asked for again with backoff (batchGetAll), never taken for gone.
 */
export async function readEntries(
  db: DynamoDBDocumentClient,
  table: string,
  recordIds: readonly string[],
): Promise<EntryPage> {
  const items = new Map<string, Record<string, unknown>>();
  const found = await batchGetAll(
    db,
    table,
    recordIds.map((id) => ({ pk: memberKey(id) })),
    {
      consistentRead: true,
      projectionExpression: ENTRY_PROJECTION.ProjectionExpression,
      expressionAttributeNames: ENTRY_PROJECTION.ExpressionAttributeNames,
    },
  );
  for (const item of found) items.set(String(item.recordId), item);
  const entries: RecordMapEntry[] = [];
  const claimed: string[] = [];
  for (const recordId of recordIds) {
    const item = items.get(recordId);
    if (!item || item.shard) claimed.push(recordId);
    else entries.push(recordMapEntrySchema.parse(item));
  }
  return { entries, claimed };
}

/** What planning reads of a pending member: packing's fields, and the token estimate a seal announces. */
export interface PlannedMember extends PendingMember {
  estimatedInputTokens: number;
}

/**
 * A group's pending members, oldest first, until `enough` says stop: a seal needs at most one shard's worth
 * (plus one, to tell a full shard from an exact fit), never the whole backlog. Only the planning fields are
 * read: whole items of a 50,000-record shard would hold tens of megabytes through the seal.
 */
export async function pendingMembers(
  db: DynamoDBDocumentClient,
  table: string,
  group: string,
  enough: (members: readonly PlannedMember[]) => boolean,
): Promise<PlannedMember[]> {
  const members: PlannedMember[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        IndexName: "pending",
        KeyConditionExpression: "pendingGroup = :group",
        ProjectionExpression: "recordId, arrival, #bytes, deadline, estimatedInputTokens",
        ExpressionAttributeNames: { "#bytes": "bytes" },
        ExpressionAttributeValues: { ":group": group },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) members.push(item as PlannedMember);
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
