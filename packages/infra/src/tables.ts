import { TABLE_HASH_KEY, type TableSpec, tablesOf } from "@recap/shared/topology";

/** Every attribute a table is keyed on: its hash key and each index's keys. All strings. */
export function keyFieldsOf(table: TableSpec): Record<string, "string"> {
  const names = [
    TABLE_HASH_KEY,
    ...Object.values(table.indexes).flatMap(({ hashKey, rangeKey }) => [hashKey, rangeKey]),
  ];
  return Object.fromEntries(names.map((name) => [name, "string" as const]));
}

/**
 * One on-demand table per service that owns state (`tablesOf()`), keyed by link name. The component is
 * `<Name>Dynamo` because `<Name>` is the property-only link in links.ts: linking the Dynamo itself would
 * grant `dynamodb:*` on it and every index. Global indexes are sparse by construction: an item is indexed
 * only while it carries both key attributes, so the index holds exactly the items waiting for something.
 */
export const tables = Object.fromEntries(
  tablesOf().map(({ table }) => [
    table.name,
    new sst.aws.Dynamo(`${table.name}Dynamo`, {
      fields: keyFieldsOf(table),
      primaryIndex: { hashKey: TABLE_HASH_KEY },
      globalIndexes: Object.fromEntries(
        Object.entries(table.indexes).map(([index, { hashKey, rangeKey }]) => [index, { hashKey, rangeKey }]),
      ),
      // Never let a deploy of a retained stage drop a table holding jobs in flight.
      deletionProtection: $app.removal === "retain",
    }),
  ]),
) as Record<string, sst.aws.Dynamo>;

export function tableOf(name: string): sst.aws.Dynamo {
  const found = tables[name];
  if (!found) throw new Error(`No table named "${name}": the topology and tables.ts disagree`);
  return found;
}
