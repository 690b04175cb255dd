import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { RecapEvent } from "@recap/shared";
import { batchGetAll, conditional, queryAll } from "@recap/shared/runtime";
import type { OnDemandRunState } from "./on-demand-run.ts";

export type SealedShard = RecapEvent<"shard.sealed">["data"];

/**
 * A shard's life in the submitter: `waiting` for a slot → `created` (Bedrock has the job) → `announced`
 * (job.submitted is out); or `refused` (Bedrock said no for good) → announced as shard.refused. It sits in the
 * sparse `open` index, earliest deadline first, then by seal time, until nothing is left to do for it.
 */
export interface ShardItem extends SealedShard {
  state: "waiting" | "created" | "announced" | "refused";
  jobArn?: string;
  jobName?: string;
  submittedAt?: string;
  /** An announced job stays listed until then, in case Bedrock's job list lags behind its create. */
  graceUntil?: number;
  refusal?: { code: string; message: string };
}

const shardKey = (shardId: string) => ({ pk: `S#${shardId}` });
/** No deadline sorts after every deadline (`~` follows the digits an ISO time starts with). */
export const openOrder = (shard: SealedShard) =>
  `${shard.earliestDeadline ?? "~"}#${shard.sealedAt}#${shard.shardId}`;

/** A sealed shard starts waiting, once: a redelivered shard.sealed changes nothing. */
export async function enqueueShard(
  db: DynamoDBDocumentClient,
  table: string,
  shard: SealedShard,
): Promise<boolean> {
  return conditional(
    db.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...shardKey(shard.shardId),
          ...shard,
          state: "waiting",
          openModel: shard.modelId,
          openOrder: openOrder(shard),
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}

/**
 * Every open shard of a model as the table holds it now, in the order slots go to them. The `open` index only
 * says which shards to look at: a global index lags behind the table, so it can list a shard as `waiting` after
 * its job was created and announced (acting on that would announce it twice, or ask Bedrock for a second job),
 * list a shard already closed, and miss a shard enqueued a moment ago. So each listed shard is read again,
 * strongly consistent, and kept only if still open; `alsoShardIds` (the shards this invocation just enqueued)
 * are read too, so a fill right after shard.sealed finds its shard without waiting for the index.
 */
export async function openShards(
  db: DynamoDBDocumentClient,
  table: string,
  modelId: string,
  alsoShardIds: readonly string[] = [],
): Promise<ShardItem[]> {
  const listed = await queryAll(db, {
    TableName: table,
    IndexName: "open",
    KeyConditionExpression: "openModel = :model",
    ExpressionAttributeValues: { ":model": modelId },
    ProjectionExpression: "pk",
  });
  const keys = new Set([...listed.map(({ pk }) => String(pk)), ...alsoShardIds.map((id) => shardKey(id).pk)]);
  const items = await batchGetAll(
    db,
    table,
    [...keys].map((pk) => ({ pk })),
    { consistentRead: true },
  );
  return items
    .filter((item) => item.openModel === modelId)
    .sort((a, b) => (String(a.openOrder) < String(b.openOrder) ? -1 : 1))
    .map(({ pk: _pk, openModel: _m, openOrder: _o, ...shard }) => shard as unknown as ShardItem);
}

/**
 * Bedrock accepted the job: remember its ARN before announcing it (a crash in between re-announces). False if
 * the shard had already left `waiting` (another filler recorded the same job: same token, same ARN).
 */
export async function markCreated(
  db: DynamoDBDocumentClient,
  table: string,
  shardId: string,
  job: { jobArn: string; jobName: string; submittedAt: string },
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: shardKey(shardId),
        UpdateExpression: "SET #state = :created, jobArn = :arn, jobName = :name, submittedAt = :at",
        ConditionExpression: "#state = :waiting",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: {
          ":created": "created",
          ":waiting": "waiting",
          ":arn": job.jobArn,
          ":name": job.jobName,
          ":at": job.submittedAt,
        },
      }),
    ),
  );
}

/** A create that failed in a way nobody classified: counted, so that it cannot block its model for ever. */
export async function recordCreateFailure(
  db: DynamoDBDocumentClient,
  table: string,
  shardId: string,
  message: string,
): Promise<number> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: shardKey(shardId),
      UpdateExpression: "ADD createFailures :one SET lastCreateError = :message",
      ExpressionAttributeValues: { ":one": 1, ":message": message.slice(0, 1000) },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  return Number(Attributes?.createFailures ?? 1);
}

export async function markRefused(
  db: DynamoDBDocumentClient,
  table: string,
  shardId: string,
  refusal: { code: string; message: string },
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: shardKey(shardId),
        UpdateExpression: "SET #state = :refused, refusal = :refusal",
        ConditionExpression: "#state = :waiting",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":refused": "refused", ":waiting": "waiting", ":refusal": refusal },
      }),
    ),
  );
}

/** The announcement is out: an announced job stays open for a grace period; a refusal is closed at once. */
export async function markAnnounced(
  db: DynamoDBDocumentClient,
  table: string,
  shard: ShardItem,
  graceUntil: number,
): Promise<void> {
  const refused = shard.state === "refused";
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: shardKey(shard.shardId),
      UpdateExpression: refused
        ? "SET announced = :yes REMOVE openModel, openOrder"
        : "SET #state = :announced, graceUntil = :until",
      ...(refused
        ? { ExpressionAttributeValues: { ":yes": true } }
        : {
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: { ":announced": "announced", ":until": graceUntil },
          }),
    }),
  );
}

/** Nothing left to do for the shard: out of the open index. */
export async function closeShard(db: DynamoDBDocumentClient, table: string, shardId: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: shardKey(shardId),
      UpdateExpression: "REMOVE openModel, openOrder",
    }),
  );
}

/** An on-demand run's start, recorded once; a rerun reads it back (and its end, if it got that far). */
export async function claimOnDemandRun(
  db: DynamoDBDocumentClient,
  table: string,
  shard: SealedShard,
  now: string,
): Promise<OnDemandRunState> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: shardKey(shard.shardId),
      UpdateExpression: "SET startedAt = if_not_exists(startedAt, :now)",
      ExpressionAttributeValues: { ":now": now },
      ReturnValues: "ALL_NEW",
    }),
  );
  return {
    startedAt: String(Attributes?.startedAt),
    ...(Attributes?.finished
      ? { finished: Attributes.finished as OnDemandRunState["finished"] & object }
      : {}),
  };
}

export async function finishOnDemandRun(
  db: DynamoDBDocumentClient,
  table: string,
  shardId: string,
  finished: NonNullable<OnDemandRunState["finished"]>,
): Promise<NonNullable<OnDemandRunState["finished"]>> {
  // The first run to finish wins; a concurrent copy announces what it recorded, so job.finished has one id.
  const first = await conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: shardKey(shardId),
        UpdateExpression: "SET finished = :finished",
        ConditionExpression: "attribute_not_exists(finished)",
        ExpressionAttributeValues: { ":finished": finished },
      }),
    ),
  );
  if (first) return finished;
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: shardKey(shardId), ConsistentRead: true }),
  );
  return Item?.finished as NonNullable<OnDemandRunState["finished"]>;
}
