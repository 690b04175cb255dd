import { type Prefix, prefixes } from "./topology.ts";

/** One expiration rule of the Store bucket: objects under `prefix` are deleted `days` after they were written. */
export interface StoreExpirationRule {
  /** The rule's ID on the bucket: `expire-<prefix without its slash>`. */
  readonly id: string;
  readonly prefix: Prefix;
  readonly days: number;
}

/**
 * The Store bucket's lifecycle rules, one per prefix whose topology entry has `expireAfterDays`. The deployed
 * bucket (packages/infra/src/storage.ts) and the local emulator's (recap dev) are both given exactly these.
 */
export const storeLifecycleRules: readonly StoreExpirationRule[] = (
  Object.keys(prefixes) as Prefix[]
).flatMap((prefix) => {
  const days: number | undefined = prefixes[prefix].expireAfterDays;
  return days === undefined ? [] : [{ id: `expire-${prefix.replace(/\/$/, "")}`, prefix, days }];
});
