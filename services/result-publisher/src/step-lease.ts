import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { TransientFailureError } from "@recap/shared";
import { conditional } from "@recap/shared/runtime";

/**
 * One instance at a time on each step of a harvest (a chunk, the finish). Copies of a step's message are
 * normal: status-watcher may announce a job twice, so its chunks go out twice, and SQS redelivers. Settling
 * is idempotent, but two copies at once would each publish every summary of the step. The holder renews a
 * short lease while it works, so a killed holder blocks the step for at most {@link LEASE_MS}. A copy that
 * finds the lease held waits that long for it (the usual case: a redelivery after its holder was killed)
 * before it goes back to the queue, so a kill does not also cost the message a receive.
 */
export const LEASE_MS = 15_000;
const POLL_MS = 500;

/** Another instance is working on this step: the message goes back to the queue and, on its return, finds the step done. */
export class HarvestStepBusyError extends TransientFailureError {
  override readonly name = "HarvestStepBusyError";
}

const leaseKey = (step: string) => ({ pk: `HL#${step}` });

export async function underStepLease<T>(
  db: DynamoDBDocumentClient,
  table: string,
  step: string,
  work: () => Promise<T>,
): Promise<T> {
  const owner = randomUUID();
  const giveUpAt = Date.now() + LEASE_MS + POLL_MS;
  while (!(await take(db, table, step, owner))) {
    if (Date.now() > giveUpAt) throw new HarvestStepBusyError(`harvest step ${step} is held`);
    await sleep(POLL_MS);
  }
  // Renewed well before it runs out; a renewal that fails (the lease was lost to a stall) is not retried:
  // the work goes on, idempotent, and at worst repeats events under the same ids.
  const renewal = setInterval(() => {
    renew(db, table, step, owner).catch(() => undefined);
  }, LEASE_MS / 3);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await release(db, table, step, owner).catch(() => undefined);
  }
}

function take(db: DynamoDBDocumentClient, table: string, step: string, owner: string): Promise<boolean> {
  const now = Date.now();
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(step),
        UpdateExpression: "SET leaseOwner = :owner, leaseUntil = :until",
        ConditionExpression: "attribute_not_exists(leaseOwner) OR leaseUntil < :now",
        ExpressionAttributeValues: { ":owner": owner, ":until": now + LEASE_MS, ":now": now },
      }),
    ),
  );
}

function renew(db: DynamoDBDocumentClient, table: string, step: string, owner: string): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(step),
        UpdateExpression: "SET leaseUntil = :until",
        ConditionExpression: "leaseOwner = :owner",
        ExpressionAttributeValues: { ":owner": owner, ":until": Date.now() + LEASE_MS },
      }),
    ),
  );
}

function release(db: DynamoDBDocumentClient, table: string, step: string, owner: string): Promise<boolean> {
  return conditional(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: leaseKey(step),
        UpdateExpression: "REMOVE leaseOwner, leaseUntil",
        ConditionExpression: "leaseOwner = :owner",
        ExpressionAttributeValues: { ":owner": owner },
      }),
    ),
  );
}
