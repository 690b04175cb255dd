import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "@recap/shared/query-all";

/**
 * Sealed shards the job submitter holds that have no batch job yet, per model: read-only, from the
 * submitter's own table (its `open` index lists a model's shards until they are announced). An operator's
 * view; no service reads another's table.
 */
export async function waitingShards(
  db: DynamoDBDocumentClient,
  table: string,
  modelIds: readonly string[],
): Promise<Record<string, { shards: number; records: number }>> {
  const entries = await Promise.all(
    modelIds.map(async (modelId) => {
      const items = await queryAll(db, {
        TableName: table,
        IndexName: "open",
        KeyConditionExpression: "openModel = :model",
        ExpressionAttributeValues: { ":model": modelId },
      });
      const waiting = items.filter((item) => item.state === "waiting");
      const records = waiting.reduce((sum, item) => sum + Number(item.records ?? 0), 0);
      return [modelId, { shards: waiting.length, records }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
