import type { RecapConfig } from "@recap/shared";

/**
 * First attempts and retries queue apart: a retry is already late, so it must not wait behind (or be packed
 * into) a large first-attempt shard, and its shards are smaller and never wait for a job minimum.
 */
export type Lane = "first" | "retry";
export const LANES: readonly Lane[] = ["first", "retry"];

/** Records are packed per (model, profile, lane): one shard, one model, one prompt, one summary schema. */
export interface Group {
  modelId: string;
  profile: string;
  lane: Lane;
}

/**
 * The group's key in the table and in its shard ids. The first lane keeps the key it had before lanes, so
 * members entered by an older builder stay in their group; the retry lane's key differs, so does every hash.
 */
export function groupKey(group: Group): string {
  const key = `${group.modelId}|${group.profile}`;
  return group.lane === "first" ? key : `${key}|${group.lane}`;
}

/** Every group the configuration can produce, both lanes of each profile: what the tick looks at. */
export function configuredGroups(config: RecapConfig): Group[] {
  return Object.entries(config.profiles).flatMap(([profile, p]) =>
    LANES.map((lane) => ({ modelId: p.modelId, profile, lane })),
  );
}
