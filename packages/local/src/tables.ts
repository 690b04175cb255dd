import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceInUseException,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { TABLE_HASH_KEY, type TableSpec } from "@recap/shared";

/**
 * Creates each service table as the topology declares it: on demand, a string `pk`, and every sparse index
 * projecting all attributes. A table persisted by an earlier run is adopted, as long as it has today's
 * indexes: dynalite cannot add an index to an existing table, so a stale one is an error, not a surprise.
 */
export async function ensureTables(
  dynamodb: DynamoDBClient,
  tables: readonly TableSpec[],
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const table of tables) {
    try {
      await dynamodb.send(new CreateTableCommand(createTableInput(table)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await checkIndexes(dynamodb, table);
    }
    // A table answers ResourceNotFoundException until it is ACTIVE, on AWS and on dynalite alike.
    await waitUntilTableExists(
      { client: dynamodb, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
      { TableName: table.name },
    );
    names[table.name] = table.name;
  }
  return names;
}

export function createTableInput(table: TableSpec): CreateTableCommandInput {
  const indexes = Object.entries(table.indexes);
  const keys = new Set([TABLE_HASH_KEY, ...indexes.flatMap(([, index]) => [index.hashKey, index.rangeKey])]);
  return {
    TableName: table.name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...keys].map((name) => ({ AttributeName: name, AttributeType: "S" })),
    KeySchema: [{ AttributeName: TABLE_HASH_KEY, KeyType: "HASH" }],
    ...(indexes.length > 0
      ? {
          GlobalSecondaryIndexes: indexes.map(([name, index]) => ({
            IndexName: name,
            KeySchema: [
              { AttributeName: index.hashKey, KeyType: "HASH" },
              { AttributeName: index.rangeKey, KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          })),
        }
      : {}),
  };
}

async function checkIndexes(dynamodb: DynamoDBClient, table: TableSpec): Promise<void> {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table.name }));
  const keysOf = (schema: KeySchemaElement[] | undefined) =>
    JSON.stringify((schema ?? []).map((key) => [key.AttributeName, key.KeyType]));
  const stale = (createTableInput(table).GlobalSecondaryIndexes ?? []).filter((wanted) => {
    const found = Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === wanted.IndexName);
    return !found || keysOf(found.KeySchema) !== keysOf(wanted.KeySchema);
  });
  if (stale.length > 0) {
    const names = stale.map((index) => index.IndexName).join(", ");
    throw new Error(
      `table ${table.name} was persisted without today's index ${names}; delete the state directory's dynalite/ to recreate it`,
    );
  }
}
