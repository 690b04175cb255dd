import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type LocalDynamo, startLoopbackDynalite } from "@recap/local/loopback-dynalite";
import { ensureTables } from "@recap/local/tables";
import { type ServiceName, type ServiceSpec, services } from "@recap/shared";

/** A service's own table, provisioned from the topology on an in-memory DynamoDB on loopback, for one test file. */
export async function startLocalTable(service: ServiceName): Promise<{
  db: DynamoDBDocumentClient;
  table: string;
  stop(): Promise<void>;
}> {
  const spec: ServiceSpec = services[service];
  if (!spec.table) throw new Error(`${service} has no table`);
  const dynamo: LocalDynamo = await startLoopbackDynalite({ port: 0 });
  const client = new DynamoDBClient({
    region: "us-east-1",
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await ensureTables(client, [spec.table]);
  return {
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    table: spec.table.name,
    async stop() {
      client.destroy();
      await dynamo.stop();
    },
  };
}
