import type { RecapConfig } from "@recap/shared";

/** Records are packed per (model, profile): one shard, one model, one prompt, one summary schema. */
export interface Group {
  modelId: string;
  profile: string;
}

export function groupKey(group: Group): string {
  return `${group.modelId}|${group.profile}`;
}

/** Every group the configuration can produce: what the tick looks at. */
export function configuredGroups(config: RecapConfig): Group[] {
  return Object.entries(config.profiles).map(([profile, p]) => ({ modelId: p.modelId, profile }));
}
