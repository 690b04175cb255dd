import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  BatchGetItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_INDEX_LAG_MS, type StrictLocalDynamo, startStrictLocalDynamo } from "./local-dynamo.ts";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const clientOf = (endpoint: string) => new DynamoDBClient({ region: "us-east-1", endpoint, credentials });

/** A table like the services': string `pk`, one sparse global index on (openGroup, openOrder). */
async function createTable(client: DynamoDBClient, name: string) {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: ["pk", "openGroup", "openOrder"].map((n) => ({
        AttributeName: n,
        AttributeType: "S",
      })),
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      GlobalSecondaryIndexes: [
        {
          IndexName: "open",
          KeySchema: [
            { AttributeName: "openGroup", KeyType: "HASH" },
            { AttributeName: "openOrder", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
  // Usable once ACTIVE, as on AWS: dynalite flips CREATING to ACTIVE on a timer, which a loaded machine delays.
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName: name });
}

const openQuery = (table: string) =>
  new QueryCommand({
    TableName: table,
    IndexName: "open",
    KeyConditionExpression: "openGroup = :g",
    ExpressionAttributeValues: { ":g": "open" },
  });

describe("global indexes that lag behind their table (the default lag)", () => {
  let dynamo: StrictLocalDynamo;
  let client: DynamoDBClient;
  let db: DynamoDBDocumentClient;
  const table = "lagging";
  beforeAll(async () => {
    dynamo = await startStrictLocalDynamo({ port: 0 });
    client = clientOf(dynamo.endpoint);
    db = DynamoDBDocumentClient.from(client);
    await createTable(client, table);
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  test("an index read right after a write misses it, and sees it once the lag has passed", async () => {
    await db.send(new PutCommand({ TableName: table, Item: { pk: "a", openGroup: "open", openOrder: "1" } }));
    expect((await db.send(openQuery(table))).Items ?? []).toEqual([]);
    // The table itself is strongly consistent where asked.
    expect(
      (await db.send(new GetCommand({ TableName: table, Key: { pk: "a" }, ConsistentRead: true }))).Item,
    ).toEqual({ pk: "a", openGroup: "open", openOrder: "1" });
    await sleep(DEFAULT_INDEX_LAG_MS + 300);
    expect((await db.send(openQuery(table))).Items?.map((item) => item.pk)).toEqual(["a"]);
  });

  test("an item just taken out of the index is still listed, in its previous version, until the lag passes", async () => {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { pk: "b", openGroup: "open", openOrder: "2", state: "waiting" },
      }),
    );
    await sleep(DEFAULT_INDEX_LAG_MS + 300);
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: "b" },
        UpdateExpression: "SET #state = :created",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":created": "created" },
      }),
    );
    const stale = (await db.send(openQuery(table))).Items?.find((item) => item.pk === "b");
    expect(stale?.state).toBe("waiting");
    await db.send(
      new UpdateCommand({ TableName: table, Key: { pk: "b" }, UpdateExpression: "REMOVE openGroup" }),
    );
    expect((await db.send(openQuery(table))).Items?.map((item) => item.pk)).toContain("b");
    await sleep(DEFAULT_INDEX_LAG_MS + 300);
    expect((await db.send(openQuery(table))).Items?.map((item) => item.pk)).not.toContain("b");
    // A Scan of the index lags the same way; a Scan of the table does not.
    await db.send(new PutCommand({ TableName: table, Item: { pk: "c", openGroup: "open", openOrder: "3" } }));
    const indexScan = await db.send(new ScanCommand({ TableName: table, IndexName: "open" }));
    expect(indexScan.Items?.map((item) => item.pk)).not.toContain("c");
    const tableScan = await db.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    expect(tableScan.Items?.map((item) => item.pk)).toContain("c");
  });

  test("BatchWriteItem's puts and deletes reach the index after the lag too", async () => {
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [table]: [
            { PutRequest: { Item: { pk: "d", openGroup: "open", openOrder: "4" } } },
            { DeleteRequest: { Key: { pk: "a" } } },
          ],
        },
      }),
    );
    const before = (await db.send(openQuery(table))).Items?.map((item) => item.pk);
    expect(before).toContain("a");
    expect(before).not.toContain("d");
    await sleep(DEFAULT_INDEX_LAG_MS + 300);
    const after = (await db.send(openQuery(table))).Items?.map((item) => item.pk);
    expect(after).toContain("d");
    expect(after).not.toContain("a");
  });

  test("a consistent read of a global index is refused, as on AWS", async () => {
    await expect(
      db.send(
        new QueryCommand({
          TableName: table,
          IndexName: "open",
          KeyConditionExpression: "openGroup = :g",
          ExpressionAttributeValues: { ":g": "open" },
          ConsistentRead: true,
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: "Consistent reads are not supported on global secondary indexes",
    });
  });

  test("the replicas behind the indexes are never shown to clients", async () => {
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual([table]);
    await expect(
      client.send(new DescribeTableCommand({ TableName: `${table}.index-lag-replica` })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    const described = await client.send(new DescribeTableCommand({ TableName: table }));
    expect(described.Table?.TableName).toBe(table);
  });

  test("deleting a table deletes its replica; a table of the same name starts with an empty index", async () => {
    await createTable(client, "short-lived");
    await db.send(
      new PutCommand({ TableName: "short-lived", Item: { pk: "x", openGroup: "open", openOrder: "1" } }),
    );
    await sleep(DEFAULT_INDEX_LAG_MS + 300);
    expect((await db.send(openQuery("short-lived"))).Items).toHaveLength(1);
    await client.send(new DeleteTableCommand({ TableName: "short-lived" }));
    await createTable(client, "short-lived");
    expect((await db.send(openQuery("short-lived"))).Items).toEqual([]);
  });
});

describe("index replicas across a restart", () => {
  test("a write whose copy was cut short by a stop reaches the index a lag after the next start", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "strict-dynamo-"));
    try {
      const first = await startStrictLocalDynamo({ port: 0, path: dir });
      const firstClient = clientOf(first.endpoint);
      await createTable(firstClient, "kept");
      await DynamoDBDocumentClient.from(firstClient).send(
        new PutCommand({ TableName: "kept", Item: { pk: "k", openGroup: "open", openOrder: "1" } }),
      );
      firstClient.destroy();
      await first.stop();

      const second = await startStrictLocalDynamo({ port: 0, path: dir });
      const secondClient = clientOf(second.endpoint);
      try {
        const db = DynamoDBDocumentClient.from(secondClient);
        expect((await db.send(openQuery("kept"))).Items).toEqual([]);
        await sleep(DEFAULT_INDEX_LAG_MS + 300);
        expect((await db.send(openQuery("kept"))).Items?.map((item) => item.pk)).toEqual(["k"]);
      } finally {
        secondClient.destroy();
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("no lag", () => {
  test("indexLagMs 0 serves index reads from the table at once", async () => {
    const dynamo = await startStrictLocalDynamo({ port: 0, indexLagMs: 0 });
    const client = clientOf(dynamo.endpoint);
    try {
      await createTable(client, "prompt");
      const db = DynamoDBDocumentClient.from(client);
      await db.send(
        new PutCommand({ TableName: "prompt", Item: { pk: "a", openGroup: "open", openOrder: "1" } }),
      );
      expect((await db.send(openQuery("prompt"))).Items?.map((item) => item.pk)).toEqual(["a"]);
    } finally {
      client.destroy();
      await dynamo.stop();
    }
  });
});

describe("items over 400 KB", () => {
  let dynamo: StrictLocalDynamo;
  let client: DynamoDBClient;
  let db: DynamoDBDocumentClient;
  beforeAll(async () => {
    dynamo = await startStrictLocalDynamo({ port: 0 });
    client = clientOf(dynamo.endpoint);
    db = DynamoDBDocumentClient.from(client);
    await createTable(client, "sized");
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  const LIMIT = 400 * 1024;
  const tooBig = { name: "ValidationException", message: "Item size has exceeded the maximum allowed size" };

  test("an item of exactly 400 KB is stored; one byte more is refused", async () => {
    // "pk" + "a" is 3 bytes, "body" 4: the body's bytes make up the rest.
    const body = "x".repeat(LIMIT - 3 - 4);
    await db.send(new PutCommand({ TableName: "sized", Item: { pk: "a", body } }));
    await expect(
      db.send(new PutCommand({ TableName: "sized", Item: { pk: "a", body: `${body}x` } })),
    ).rejects.toMatchObject(tooBig);
  });

  test("strings count their UTF-8 bytes: 150,000 'é' (300,000 bytes) pass, 210,000 (420,000 bytes) do not", async () => {
    await db.send(new PutCommand({ TableName: "sized", Item: { pk: "b", body: "é".repeat(150_000) } }));
    // dynalite alone counts 210,000 UTF-16 code units and stores it.
    await expect(
      db.send(new PutCommand({ TableName: "sized", Item: { pk: "b", body: "é".repeat(210_000) } })),
    ).rejects.toMatchObject(tooBig);
  });

  test("an update is judged on the item after it, and BatchWriteItem on each put", async () => {
    await db.send(new PutCommand({ TableName: "sized", Item: { pk: "c", first: "é".repeat(110_000) } }));
    await expect(
      db.send(
        new UpdateCommand({
          TableName: "sized",
          Key: { pk: "c" },
          UpdateExpression: "SET #second = :text",
          ExpressionAttributeNames: { "#second": "second" },
          ExpressionAttributeValues: { ":text": "é".repeat(110_000) },
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: "Item size to update has exceeded the maximum allowed size",
    });
    const kept = await db.send(
      new GetCommand({ TableName: "sized", Key: { pk: "c" }, ConsistentRead: true }),
    );
    expect(kept.Item?.second).toBeUndefined();
    await expect(
      db.send(
        new BatchWriteCommand({
          RequestItems: {
            sized: [
              { PutRequest: { Item: { pk: "d", body: "small" } } },
              { PutRequest: { Item: { pk: "e", body: "ü".repeat(205_000) } } },
            ],
          },
        }),
      ),
    ).rejects.toMatchObject(tooBig);
    // The whole batch was refused, the small item too.
    expect(
      (await db.send(new GetCommand({ TableName: "sized", Key: { pk: "d" }, ConsistentRead: true }))).Item,
    ).toBe(undefined);
  });
});

describe("BatchGetItem's UnprocessedKeys", () => {
  let dynamo: StrictLocalDynamo;
  let client: DynamoDBClient;
  const rate = 0.3;
  beforeAll(async () => {
    dynamo = await startStrictLocalDynamo({ port: 0, unprocessedKeysRate: rate });
    client = clientOf(dynamo.endpoint);
    await createTable(client, "batched");
    const db = DynamoDBDocumentClient.from(client);
    for (let i = 0; i < 100; i += 25) {
      await db.send(
        new BatchWriteCommand({
          RequestItems: {
            batched: Array.from({ length: 25 }, (_, j) => ({
              PutRequest: { Item: { pk: `k${i + j}`, n: i + j } },
            })),
          },
        }),
      );
    }
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  const keys = Array.from({ length: 100 }, (_, i) => ({ pk: { S: `k${i}` } }));

  test("a share of the keys near the configured rate comes back unprocessed, with the table's read options", async () => {
    const answer = await client.send(
      new BatchGetItemCommand({
        RequestItems: { batched: { Keys: keys, ConsistentRead: true, ProjectionExpression: "pk" } },
      }),
    );
    const unprocessed = answer.UnprocessedKeys?.batched;
    const held = unprocessed?.Keys?.length ?? 0;
    expect(held).toBeGreaterThan(100 * rate * 0.5);
    expect(held).toBeLessThan(100 * rate * 1.5);
    expect(unprocessed?.ConsistentRead).toBe(true);
    expect(unprocessed?.ProjectionExpression).toBe("pk");
    expect((answer.Responses?.batched ?? []).length + held).toBe(100);
    // Nothing answered is also held back.
    const answered = new Set(answer.Responses?.batched?.map((item) => item.pk?.S));
    expect(unprocessed?.Keys?.some((key) => answered.has(key.pk?.S))).toBe(false);
  });

  test("asking again for what is unprocessed drains it: every item is read", async () => {
    const found = new Set<string>();
    let pending: typeof keys | undefined = keys;
    let rounds = 0;
    while (pending && pending.length > 0) {
      rounds++;
      const answer = await client.send(
        new BatchGetItemCommand({ RequestItems: { batched: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of answer.Responses?.batched ?? []) found.add(String(item.pk?.S));
      pending = answer.UnprocessedKeys?.batched?.Keys as typeof keys | undefined;
    }
    expect(found.size).toBe(100);
    expect(rounds).toBeGreaterThan(1);
    expect(dynamo.heldBack()).toBeGreaterThan(0);
  });

  test("one key alone is always processed: AWS throttles a request it can process none of instead", async () => {
    for (let i = 0; i < 20; i++) {
      const answer = await client.send(
        new BatchGetItemCommand({ RequestItems: { batched: { Keys: [{ pk: { S: `k${i}` } }] } } }),
      );
      expect(answer.Responses?.batched).toHaveLength(1);
    }
  });
});
