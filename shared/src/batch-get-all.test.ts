import type { BatchGetCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, test } from "vitest";
import { batchGetAll, UnprocessedKeysError } from "./batch-get-all.ts";

type Key = { pk: string };

/**
 * A table that answers each BatchGetItem for the keys `processes` lets through and leaves the rest
 * unprocessed; it records every request's keys.
 */
function table(items: Map<string, Record<string, unknown>>, processes: (keys: Key[], call: number) => Key[]) {
  const requests: Key[][] = [];
  const db = {
    send: async (command: BatchGetCommand) => {
      const asked = command.input.RequestItems?.t?.Keys as Key[];
      requests.push(asked);
      const done = processes(asked, requests.length);
      const left = asked.filter((key) => !done.includes(key));
      return {
        Responses: { t: done.flatMap((key) => items.get(key.pk) ?? []) },
        ...(left.length > 0 ? { UnprocessedKeys: { t: { Keys: left } } } : {}),
      };
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, requests };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ pk: `k${i}` }));
const stored = (n: number) => new Map(keys(n).map((key) => [key.pk, { ...key, value: key.pk }]));

describe("batchGetAll", () => {
  test("asks again for unprocessed keys, waiting longer each round, until every item is read", async () => {
    // Half of what is asked is processed each time.
    const { db, requests } = table(stored(8), (asked) => asked.slice(0, Math.ceil(asked.length / 2)));
    const waits: number[] = [];
    const items = await batchGetAll(db, "t", keys(8), {
      policy: { attempts: 10, baseDelayMs: 100, maxDelayMs: 10_000 },
      random: () => 0.99,
      wait: async (ms) => waits.push(ms),
    });
    expect(items.map((item) => item.pk).sort()).toEqual(
      keys(8)
        .map((key) => key.pk)
        .sort(),
    );
    expect(requests.map((asked) => asked.length)).toEqual([8, 4, 2, 1]);
    expect(waits).toEqual([99, 198, 396]);
  });

  test("a key still unprocessed after the last round is an error, never an absent item", async () => {
    const { db, requests } = table(stored(3), (asked) => asked.filter((key) => key.pk !== "k1"));
    const waits: number[] = [];
    await expect(
      batchGetAll(db, "t", keys(3), {
        policy: { attempts: 4, baseDelayMs: 1, maxDelayMs: 1 },
        wait: async (ms) => waits.push(ms),
      }),
    ).rejects.toThrow(UnprocessedKeysError);
    expect(requests).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  test("an absent item is simply not returned; more than 100 keys go 100 a request", async () => {
    const { db, requests } = table(stored(150), (asked) => asked);
    const items = await batchGetAll(db, "t", [...keys(250)], { wait: async () => {} });
    expect(items).toHaveLength(150);
    expect(requests.map((asked) => asked.length)).toEqual([100, 100, 50]);
  });
});
