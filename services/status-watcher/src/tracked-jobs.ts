import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { JobRecordCounts, RecapEvent } from "@recap/shared";
import { batchGetAll, conditional, queryAll } from "@recap/shared/runtime";

export type SubmittedJob = RecapEvent<"job.submitted">["data"];
export type FinishedJob = RecapEvent<"job.finished">["data"];

/**
 * A batch job status-watcher follows. It sits in the sparse `open` index, oldest submission first, from
 * job.submitted until its job.finished is out: `finished` is written once, before the event is published, so
 * a crash in between publishes the very same event again (same data, same event id), never a second one.
 */
export interface TrackedJob extends SubmittedJob {
  /** The last status Bedrock reported, and since when (as first seen here). */
  status: string;
  statusSince: string;
  counts?: JobRecordCounts;
  /** The status a job.stuck was published for; at most one per status. */
  stuckIn?: string;
  finished?: FinishedJob;
  announced?: boolean;
}

const jobKey = (jobArn: string) => ({ pk: `J#${jobArn}` });

/** Starts following a job, once: a redelivered job.submitted changes nothing. */
export async function trackJob(db: DynamoDBDocumentClient, table: string, job: SubmittedJob): Promise<void> {
  await conditional(
    db.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...jobKey(job.jobArn),
          ...job,
          status: "Submitted",
          statusSince: job.submittedAt,
          openGroup: "open",
          openOrder: `${job.submittedAt}#${job.jobArn}`,
        } satisfies TrackedJob & Record<string, unknown>,
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ),
  );
}

export async function trackedJob(
  db: DynamoDBDocumentClient,
  table: string,
  jobArn: string,
): Promise<TrackedJob | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: jobKey(jobArn), ConsistentRead: true }),
  );
  return Item ? strip(Item) : undefined;
}

/**
 * Every job not yet announced as finished, as the table holds it now. The `open` index only says which jobs to
 * look at: a global index lags behind the table, so it can still list a job whose job.finished went out a
 * moment ago (following it again would publish job.finished twice) or show an older status. Each listed job
 * is read again, strongly consistent, and kept only if still open. A job tracked a moment ago may be missing:
 * its job.submitted follows it, and the next tick does.
 */
export async function openJobs(db: DynamoDBDocumentClient, table: string): Promise<TrackedJob[]> {
  const listed = await queryAll(db, {
    TableName: table,
    IndexName: "open",
    KeyConditionExpression: "openGroup = :open",
    ExpressionAttributeValues: { ":open": "open" },
    ProjectionExpression: "pk, openOrder",
  });
  const current = new Map(
    (
      await batchGetAll(
        db,
        table,
        listed.map(({ pk }) => ({ pk })),
        { consistentRead: true },
      )
    ).map((item) => [item.pk, item]),
  );
  return listed.flatMap(({ pk }) => {
    const item = current.get(pk);
    return item?.openGroup === "open" ? [strip(item)] : [];
  });
}

/** Records a newer status or newer counts, only over what this observer read: a slower, older read loses. */
export async function recordProgress(
  db: DynamoDBDocumentClient,
  table: string,
  job: TrackedJob,
  next: { status: string; statusSince: string; counts?: JobRecordCounts },
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: jobKey(job.jobArn),
        UpdateExpression: next.counts
          ? "SET #status = :status, statusSince = :since, #counts = :counts"
          : "SET #status = :status, statusSince = :since",
        ConditionExpression: "#status = :seen AND attribute_not_exists(finished)",
        ExpressionAttributeNames: { "#status": "status", ...(next.counts ? { "#counts": "counts" } : {}) },
        ExpressionAttributeValues: {
          ":status": next.status,
          ":since": next.statusSince,
          ":seen": job.status,
          ...(next.counts ? { ":counts": next.counts } : {}),
        },
      }),
    ),
  );
}

/** The terminal outcome, written once; whoever wrote it first decides the job.finished everyone publishes. */
export async function recordFinished(
  db: DynamoDBDocumentClient,
  table: string,
  jobArn: string,
  finished: FinishedJob,
): Promise<FinishedJob> {
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: jobKey(jobArn),
      UpdateExpression: "SET finished = if_not_exists(finished, :finished), #status = :status",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":finished": finished, ":status": finished.status },
      ReturnValues: "ALL_NEW",
    }),
  );
  return (Attributes?.finished as FinishedJob | undefined) ?? finished;
}

/** job.finished is out: the job leaves the open index and nothing is published for it again. */
export async function markAnnounced(
  db: DynamoDBDocumentClient,
  table: string,
  jobArn: string,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: jobKey(jobArn),
      UpdateExpression: "SET announced = :yes REMOVE openGroup, openOrder",
      ExpressionAttributeValues: { ":yes": true },
    }),
  );
}

/** Claims the job.stuck of one status; false if it was already published. */
export async function claimStuck(
  db: DynamoDBDocumentClient,
  table: string,
  jobArn: string,
  status: string,
): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: jobKey(jobArn),
        UpdateExpression: "SET stuckIn = :status",
        ConditionExpression:
          "#status = :status AND attribute_not_exists(finished) AND (attribute_not_exists(stuckIn) OR stuckIn <> :status)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":status": status },
      }),
    ),
  );
}

function strip(item: Record<string, unknown>): TrackedJob {
  const { pk: _pk, openGroup: _g, openOrder: _o, ...job } = item;
  return job as unknown as TrackedJob;
}
