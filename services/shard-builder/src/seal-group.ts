import { randomUUID } from "node:crypto";
import type { BatchQuotas, RecapConfig, RecordMapEntry } from "@recap/shared";
import { type Group, groupKey } from "./group-key.ts";
import { acquireLease, readGroup, releaseLease, type SealInProgress } from "./group-state.ts";
import { firstPending, type Member, pendingMembers, stillUnclaimed } from "./members.ts";
import {
  arrivalTime,
  earliestDeadline,
  laneCaps,
  nextShard,
  type SealingRules,
  type ShardDecision,
} from "./pack-shards.ts";
import { resumeSeal, type SealDeps, startSeal } from "./seal-shard.ts";
import { shardIdOf } from "./shard-id.ts";

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
    const caps = laneCaps(rules.quotas, rules.lane);
    for (let pass = 0; pass < MAX_SHARDS_PER_PASS && Date.now() < startNoSealAfter; pass++) {
      let bytes = 0;
      const pending = await pendingMembers(deps.db, deps.table, key, (members) => {
        bytes = members.reduce((sum, m) => sum + m.bytes, 0);
        return members.length > caps.records || bytes > caps.bytes;
      });
      const decision = await consistentDecision(deps, pending, rules, now);
      if (decision.action === "wait") break;
      const seal = sealOf(group, decision.kind, decision.members, now());
      if (!(await startSeal(sealDeps, group, key, seal, decision.members.map(toEntry)))) break;
      deps.logger.info("seal reason", { shardId: seal.shardId, reason: decision.reason });
      sealed++;
    }
  } finally {
    await releaseLease(deps.db, deps.table, key, owner);
  }
  return sealed;
}

/**
 * The next shard, planned from the pending index and then checked against the table itself: on AWS a
 * global index can still list members that a seal just claimed. Any such member is dropped and the shard
 * planned again, so a seal never reaches for a member that is not there to take.
 */
async function consistentDecision(
  deps: GroupDeps,
  pending: Member[],
  rules: SealingRules,
  now: () => Date,
): Promise<ShardDecision<Member>> {
  let candidates = pending;
  for (;;) {
    const decision = nextShard(candidates, rules, now());
    if (decision.action === "wait") return decision;
    const unclaimed = await stillUnclaimed(deps.db, deps.table, decision.members);
    if (unclaimed.length === decision.members.length) return decision;
    const taken = new Set(decision.members.map((m) => m.recordId));
    for (const member of unclaimed) taken.delete(member.recordId);
    candidates = candidates.filter((m) => !taken.has(m.recordId));
  }
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

function sealOf(
  group: Group,
  kind: SealInProgress["kind"],
  members: readonly Member[],
  now: Date,
): SealInProgress {
  const deadline = earliestDeadline(members);
  return {
    shardId: shardIdOf(
      group,
      kind,
      members.map((m) => m.recordId),
    ),
    kind,
    sealedAt: now.toISOString(),
    records: members.length,
    bytes: members.reduce((sum, m) => sum + m.bytes, 0),
    estimatedInputTokens: members.reduce((sum, m) => sum + m.estimatedInputTokens, 0),
    ...(deadline ? { earliestDeadline: deadline } : {}),
  };
}

function toEntry(member: Member): RecordMapEntry {
  const { group: _group, arrival: _arrival, bytes: _bytes, ...entry } = member;
  return entry;
}
