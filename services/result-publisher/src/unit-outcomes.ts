import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { RecordFailure, RecordMapEntry } from "@recap/shared";
import { batchGetAll, conditional } from "@recap/shared/runtime";

/** One attempt that produced no summary, as summary.failed lists it. */
export interface FailedAttempt {
  attempt: number;
  recordId: string;
  shardId: string;
  failure: RecordFailure;
}

/**
 * A unit of work's fate in the result stage's own table. Each failed attempt is written once (`attempt<N>`),
 * and the unit's outcome (`ready` or `failed`) is claimed once, by one recordId: whichever copy of that record
 * is harvested again re-publishes the same event, and no other record can publish a second outcome.
 */
const unitKey = (unit: Pick<RecordMapEntry, "transcriptId" | "version" | "profile">) => ({
  pk: `U#${unit.transcriptId}#${unit.version}#${unit.profile}`,
});
const attemptField = (attempt: number) => `attempt${attempt}`;

/**
 * Claims the unit's one summary for this record: `claimed` (store and announce it), `announced` (this record's
 * summary.ready is already out: nothing to do), or undefined when another record already decided the unit.
 */
export async function claimSummary(
  db: DynamoDBDocumentClient,
  table: string,
  entry: RecordMapEntry,
): Promise<"claimed" | "announced" | undefined> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: unitKey(entry),
        UpdateExpression: "SET outcome = :ready, outcomeRecord = :record",
        // Only this record's own summary may be claimed again: its failure, once decided, stays decided.
        ConditionExpression:
          "attribute_not_exists(outcome) OR (outcomeRecord = :record AND outcome = :ready)",
        ExpressionAttributeValues: { ":ready": "ready", ":record": entry.recordId },
        ReturnValues: "ALL_OLD",
      }),
    );
    return Attributes?.announced === true ? "announced" : "claimed";
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return undefined;
    throw error;
  }
}

/**
 * Notes that these units' summary.ready events were published, so that harvesting the same output again
 * (a chunk cut short and redone) skips them instead of publishing copies.
 */
export async function markAnnounced(
  db: DynamoDBDocumentClient,
  table: string,
  entries: RecordMapEntry[],
): Promise<void> {
  await Promise.all(
    entries.map((entry) =>
      db.send(
        new UpdateCommand({
          TableName: table,
          Key: unitKey(entry),
          UpdateExpression: "SET announced = :yes",
          ExpressionAttributeValues: { ":yes": true },
        }),
      ),
    ),
  );
}

/**
 * Records a failed attempt, and for the last one allowed claims the `failed` outcome. Returns every failed
 * attempt so far when this record decided the unit (or `retry` to try again), or undefined when the unit was
 * already decided by another record.
 */
export async function recordFailure(
  db: DynamoDBDocumentClient,
  table: string,
  entry: RecordMapEntry,
  failed: FailedAttempt,
  last: boolean,
): Promise<{ decided: "retry" } | { decided: "failed"; attempts: FailedAttempt[] } | undefined> {
  const names = { "#attempt": attemptField(entry.attempt) };
  if (!last) {
    const applied = await conditional(
      db.send(
        new UpdateCommand({
          TableName: table,
          Key: unitKey(entry),
          UpdateExpression: "SET #attempt = if_not_exists(#attempt, :failed)",
          ConditionExpression: "attribute_not_exists(outcome)",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ":failed": failed },
        }),
      ),
    );
    return applied ? { decided: "retry" } : undefined;
  }
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: unitKey(entry),
        UpdateExpression:
          "SET #attempt = if_not_exists(#attempt, :failed), outcome = :outcome, outcomeRecord = :record",
        ConditionExpression:
          "attribute_not_exists(outcome) OR (outcomeRecord = :record AND outcome = :outcome)",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ":failed": failed, ":outcome": "failed", ":record": entry.recordId },
        ReturnValues: "ALL_NEW",
      }),
    );
    const attempts = Object.entries(Attributes ?? {})
      .filter(([key]) => /^attempt\d+$/.test(key))
      .map(([, value]) => value as FailedAttempt)
      .sort((a, b) => a.attempt - b.attempt);
    return { decided: "failed", attempts };
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return undefined;
    throw error;
  }
}

/**
 * The records of a shard the sweep must settle: those neither the unit's outcome nor a failed attempt
 * names, and those whose recorded failure is the sweep's own (`resettle`): a sweep cut short may have written
 * the failure and not yet published its retry or summary.failed, so it settles them again (the same writes,
 * the same event ids). Strongly consistent, so a record settled a moment ago by another chunk is seen; a key
 * DynamoDB leaves unprocessed is asked for again with backoff (batchGetAll), never taken for an unsettled one.
 */
export async function unsettled(
  db: DynamoDBDocumentClient,
  table: string,
  entries: RecordMapEntry[],
  resettle: (failure: RecordFailure) => boolean,
): Promise<RecordMapEntry[]> {
  const found = new Map<string, Record<string, unknown>>();
  const items = await batchGetAll(
    db,
    table,
    entries.map((entry) => unitKey(entry)),
    { consistentRead: true },
  );
  for (const item of items) found.set(String(item.pk), item);
  return entries.filter((entry) => {
    const item = found.get(unitKey(entry).pk);
    if (!item) return true;
    const attempt = item[attemptField(entry.attempt)] as FailedAttempt | undefined;
    const ownFailure = attempt?.recordId === entry.recordId ? attempt.failure : undefined;
    if (item.outcomeRecord === entry.recordId)
      return item.outcome === "failed" && ownFailure !== undefined && resettle(ownFailure);
    return ownFailure === undefined || resettle(ownFailure);
  });
}
