import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type StrictLocalDynamo, startStrictLocalDynamo } from "@recap/local/strict/local-dynamo";
import { ensureTables } from "@recap/local/tables";
import { type ServiceName, type ServiceSpec, services } from "@recap/shared";

/**
 * A service's own table, provisioned from the topology on an in-memory DynamoDB on loopback, for one test file:
 * the strict one, whose global indexes lag 1 s behind the table as the local stack's do (`indexLagMs`), and
 * which may leave BatchGetItem keys unprocessed (`unprocessedKeysRate`).
 */
export async function startLocalTable(
  service: ServiceName,
  options: { indexLagMs?: number; unprocessedKeysRate?: number } = {},
): Promise<{
  db: DynamoDBDocumentClient;
  table: string;
  dynamo: StrictLocalDynamo;
  stop(): Promise<void>;
}> {
  const spec: ServiceSpec = services[service];
  if (!spec.table) throw new Error(`${service} has no table`);
  const dynamo = await startStrictLocalDynamo({ port: 0, ...options });
  const client = new DynamoDBClient({
    region: "us-east-1",
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await ensureTables(client, [spec.table]);
  return {
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    table: spec.table.name,
    dynamo,
    async stop() {
      client.destroy();
      await dynamo.stop();
    },
  };
}
