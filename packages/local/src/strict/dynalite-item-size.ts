import { createRequire } from "node:module";
import { itemSize, type WireAttributeValue } from "./item-size.ts";

type SizeOf = (item: Record<string, WireAttributeValue>, ...internal: unknown[]) => number;

/**
 * Makes dynalite refuse an item over 400 KB as DynamoDB counts it. dynalite's own count takes a string's
 * length in UTF-16 code units where DynamoDB counts UTF-8 bytes, so an item of accented or CJK text up to three
 * times the limit passes. Its PutItem and BatchWriteItem validations and its UpdateItem (on the item after the
 * update, atomically) all ask `db.itemSize`, so the count is replaced there rather than guessed in front of it:
 * an update's result cannot be known without applying it. Calls with dynalite's internal arguments (compressed
 * sizes for paging) keep its own count.
 */
export function countItemSizeAsDynamoDb(): void {
  const require = createRequire(import.meta.url);
  const db = require("dynalite/db/index.js") as { itemSize: SizeOf & { awsCount?: true } };
  if (db.itemSize.awsCount) return;
  const dynaliteCount = db.itemSize;
  const awsCount: SizeOf & { awsCount?: true } = (item, ...internal) =>
    internal.length > 0 ? dynaliteCount(item, ...internal) : itemSize(item);
  awsCount.awsCount = true;
  db.itemSize = awsCount;
}
