import { createHash } from "node:crypto";
import type { ShardKind } from "@recap/shared";
import { type Group, groupKey } from "./group-key.ts";

/**
 * A shard's id, derived from what it is (its group, lane included, its kind and members), so a sealer that
 * resumes another's half-done seal arrives at the same id, the same S3 keys, the same Bedrock client token and
 * job name.
 */
export function shardIdOf(group: Group, kind: ShardKind, recordIds: readonly string[]): string {
  const hash = createHash("sha256").update(`${groupKey(group)}\n${kind}\n`);
  for (const id of recordIds) hash.update(`${id}\n`);
  return `${kind === "batch" ? "b" : "d"}-${hash.digest("hex").slice(0, 20)}`;
}

/** Where a shard's files live: `shards/<id>/input.jsonl` (what Bedrock reads) and its record map. */
export function shardKeys(shardId: string): { input: string; recordMap: string } {
  return { input: `shards/${shardId}/input.jsonl`, recordMap: `shards/${shardId}/record-map.jsonl` };
}

/** A unit's JSONL line, stored once at entry and copied into whichever shard claims it. */
export function recordLineKey(recordId: string): string {
  return `shards/records/${recordId}.jsonl`;
}
