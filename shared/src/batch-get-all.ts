import { setTimeout as sleep } from "node:timers/promises";
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import { type BackoffPolicy, backoffDelayMs } from "./backoff.ts";

/** BatchGetItem takes at most 100 keys. */
export const BATCH_GET_LIMIT = 100;

/**
 * AWS's advice for UnprocessedKeys is to ask again with exponential backoff: keys come back unprocessed when
 * the table is throttled, and asking at once is throttled again. Ten rounds wait about 4 s in all.
 */
export const UNPROCESSED_KEYS_BACKOFF: BackoffPolicy = { attempts: 10, baseDelayMs: 50, maxDelayMs: 1_000 };

/**
 * Keys DynamoDB still left unprocessed after every round of the backoff: retryable (the table is busy), never
 * an answer that the items are absent.
 */
export class UnprocessedKeysError extends Error {
  override readonly name = "UnprocessedKeysError";
  readonly retryable = true;
}

export interface BatchGetOptions {
  consistentRead?: boolean;
  projectionExpression?: string;
  expressionAttributeNames?: Record<string, string>;
  policy?: BackoffPolicy;
  random?: () => number;
  wait?: (ms: number) => Promise<unknown>;
}

/**
 * Every item of `keys` that exists, 100 keys a request. Keys left unprocessed are asked for again after a
 * jittered, growing wait; when they are still unprocessed after the policy's last round, UnprocessedKeysError
 * is thrown rather than an incomplete answer returned, since a caller would read a missing key as an absent item.
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly Record<string, unknown>[],
  options: BatchGetOptions = {},
): Promise<Record<string, unknown>[]> {
  const policy = options.policy ?? UNPROCESSED_KEYS_BACKOFF;
  const wait = options.wait ?? sleep;
  const read = {
    ...(options.consistentRead ? { ConsistentRead: true } : {}),
    ...(options.projectionExpression ? { ProjectionExpression: options.projectionExpression } : {}),
    ...(options.expressionAttributeNames
      ? { ExpressionAttributeNames: options.expressionAttributeNames }
      : {}),
  };
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_GET_LIMIT);
    for (let round = 1; pending.length > 0; round++) {
      const page: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({ RequestItems: { [table]: { ...read, Keys: pending } } }),
      );
      items.push(...(page.Responses?.[table] ?? []));
      pending = page.UnprocessedKeys?.[table]?.Keys ?? [];
      if (pending.length === 0) break;
      if (round >= policy.attempts)
        throw new UnprocessedKeysError(
          `${pending.length} keys of ${table} still unprocessed after ${round} requests; the table is busy`,
        );
      await wait(backoffDelayMs(round, policy, options.random ?? Math.random));
    }
  }
  return items;
}
