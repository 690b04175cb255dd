import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from "@aws-sdk/client-dynamodb";
import type { TableSpec } from "@recap/shared";
import { afterEach, describe, expect, test } from "vitest";
import { type LocalDynamo, startLoopbackDynalite } from "./loopback-dynalite.ts";
import { localPlan } from "./plan.ts";
import { ensureTables } from "./tables.ts";

let dir: string | undefined;
let dynamo: LocalDynamo | undefined;
let client: DynamoDBClient | undefined;
afterEach(async () => {
  client?.destroy();
  await dynamo?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = dynamo = client = undefined;
});

async function start(dataDir: string): Promise<DynamoDBClient> {
  client?.destroy();
  await dynamo?.stop();
  dynamo = await startLoopbackDynalite({ port: 0, path: dataDir });
  client = new DynamoDBClient({
    region: "us-east-1",
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  return client;
}

const plan = localPlan();

describe("the local DynamoDB", () => {
  test("listens on 127.0.0.1 only", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "recap-dynalite-"));
    await start(dir);
    expect(new URL(dynamo?.endpoint ?? "").hostname).toBe("127.0.0.1");
  });

  test("creates every table of the plan with a string pk and each sparse index projecting everything", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "recap-dynalite-"));
    const dynamodb = await start(dir);
    expect(plan.tables.length).toBeGreaterThan(0);
    const names = await ensureTables(dynamodb, plan.tables);
    expect(names).toEqual(Object.fromEntries(plan.tables.map((t) => [t.name, t.name])));
    for (const table of plan.tables) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table.name }));
      expect(Table?.TableStatus).toBe("ACTIVE");
      expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
      expect(Table?.KeySchema).toEqual([{ AttributeName: "pk", KeyType: "HASH" }]);
      const indexes = Object.fromEntries(
        (Table?.GlobalSecondaryIndexes ?? []).map((i) => [
          i.IndexName,
          { keys: i.KeySchema?.map((k) => k.AttributeName), projection: i.Projection?.ProjectionType },
        ]),
      );
      expect(indexes).toEqual(
        Object.fromEntries(
          Object.entries(table.indexes).map(([name, i]) => [
            name,
            { keys: [i.hashKey, i.rangeKey], projection: "ALL" },
          ]),
        ),
      );
    }
  });

  test("a restart on the same directory adopts the tables, items and all", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "recap-dynalite-"));
    const [first] = plan.tables as [TableSpec];
    const [indexName, index] = Object.entries(first.indexes)[0] ?? [];
    let dynamodb = await start(dir);
    await ensureTables(dynamodb, plan.tables);
    await dynamodb.send(
      new PutItemCommand({
        TableName: first.name,
        Item: {
          pk: { S: "kept" },
          ...(index ? { [index.hashKey]: { S: "g" }, [index.rangeKey]: { S: "1" } } : {}),
        },
      }),
    );

    dynamodb = await start(dir);
    await ensureTables(dynamodb, plan.tables);
    const item = await dynamodb.send(
      new GetItemCommand({ TableName: first.name, Key: { pk: { S: "kept" } } }),
    );
    expect(item.Item?.pk?.S).toBe("kept");
    if (index) {
      const found = await dynamodb.send(
        new QueryCommand({
          TableName: first.name,
          IndexName: indexName,
          KeyConditionExpression: "#h = :h",
          ExpressionAttributeNames: { "#h": index.hashKey },
          ExpressionAttributeValues: { ":h": { S: "g" } },
        }),
      );
      expect(found.Items?.map((i) => i.pk?.S)).toEqual(["kept"]);
    }
  });

  test("a persisted table without an index the topology now has is an error that says what to do", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "recap-dynalite-"));
    const dynamodb = await start(dir);
    const table: TableSpec = { name: "EvolvingTable", indexes: {}, actions: [] };
    await ensureTables(dynamodb, [table]);
    const grown = { ...table, indexes: { byDay: { hashKey: "day", rangeKey: "at" } } };
    await expect(ensureTables(dynamodb, [grown])).rejects.toThrow(
      "table EvolvingTable was persisted without today's index byDay; delete the state directory's dynalite/",
    );
  });
});
