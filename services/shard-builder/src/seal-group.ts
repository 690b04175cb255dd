import { randomUUID } from "node:crypto";
import type { BatchQuotas, RecapConfig } from "@recap/shared";
import { type Group, groupKey } from "./group-key.ts";
import { acquireLease, readGroup, releaseLease } from "./group-state.ts";
import { firstPending } from "./members.ts";
import { arrivalTime, laneCaps, type SealingRules } from "./pack-shards.ts";
import { planShard } from "./plan-shard.ts";
import { resumeSeal, type SealDeps, startSeal } from "./seal-shard.ts";

/** Long enough for the steps between renewals; short enough that a dead sealer blocks its group briefly. */
export const LEASE_MS = 15_000;
/** Shards one pass may seal for a group; the next batch or tick carries on. */
const MAX_SHARDS_PER_PASS = 20;

export type GroupDeps = Omit<SealDeps, "owner" | "renewLease"> & {
  config: RecapConfig;
  quotasOf: (modelId: string) => Promise<BatchQuotas>;
  now?: () => Date;
};

export function sealingRules(config: RecapConfig, group: Group, quotas: BatchQuotas): SealingRules {
  const profile = config.profiles[group.profile];
  return {
    quotas,
    maxWaitSeconds: config.sealing.maxWaitSeconds,
    deadlineLeadSeconds: config.sealing.deadlineLeadSeconds,
    tailPolicy: profile?.tailPolicy ?? "on-demand",
    lane: group.lane,
  };
}

/**
 * Seals whatever is due in a group: first any seal left half done, then shard after shard while one is due.
 * Cheap checks (the group's totals, its oldest member, its earliest deadline) come first, so a batch of
 * arrivals that cannot complete a shard costs three small reads, not a scan of the backlog.
 */
export async function sealDueShards(
  deps: GroupDeps,
  group: Group,
  startNoSealAfter = Infinity,
): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const key = groupKey(group);
  const rules = sealingRules(deps.config, group, await deps.quotasOf(group.modelId));
  const state = await readGroup(deps.db, deps.table, key);
  if (!state.sealing && !(await mayBeDue(deps, key, state, rules, now()))) return 0;

  const owner = randomUUID();
  if (!(await acquireLease(deps.db, deps.table, key, owner, LEASE_MS))) return 0;
  const sealDeps: SealDeps = {
    ...deps,
    owner,
    renewLease: () => acquireLease(deps.db, deps.table, key, owner, LEASE_MS),
  };
  let sealed = 0;
  try {
    const current = await readGroup(deps.db, deps.table, key);
    if (current.sealing && (await resumeSeal(sealDeps, group, key, current.sealing))) sealed++;
    for (let pass = 0; pass < MAX_SHARDS_PER_PASS && Date.now() < startNoSealAfter; pass++) {
      const plan = await planShard(sealDeps, group, key, rules, now);
      if (!plan || !(await startSeal(sealDeps, group, key, plan.seal, plan.recordIds))) break;
      deps.logger.info("seal reason", { shardId: plan.seal.shardId, reason: plan.reason });
      sealed++;
    }
  } finally {
    await releaseLease(deps.db, deps.table, key, owner);
  }
  return sealed;
}

async function mayBeDue(
  deps: GroupDeps,
  key: string,
  totals: { records: number; bytes: number },
  rules: SealingRules,
  now: Date,
): Promise<boolean> {
  const caps = laneCaps(rules.quotas, rules.lane);
  if (totals.records >= caps.records || totals.bytes >= caps.bytes) return true;
  const oldest = await firstPending(deps.db, deps.table, key, "arrival");
  if (!oldest) return false;
  if (Date.parse(arrivalTime(oldest)) + rules.maxWaitSeconds * 1000 <= now.getTime()) return true;
  const urgent = await firstPending(deps.db, deps.table, key, "deadline");
  return (
    urgent?.deadline !== undefined &&
    Date.parse(urgent.deadline) - rules.deadlineLeadSeconds * 1000 <= now.getTime()
  );
}
