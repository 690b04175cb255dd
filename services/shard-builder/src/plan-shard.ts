import { BATCH_GET_LIMIT } from "@recap/shared/runtime";
import type { Group } from "./group-key.ts";
import { LeaseLostError, type SealInProgress } from "./group-state.ts";
import { type PlannedMember, pendingMembers, readEntries } from "./members.ts";
import { earliestDeadline, laneCaps, nextShard, type SealingRules, type SealReason } from "./pack-shards.ts";
import { recordMapLine } from "./record-map.ts";
import type { SealDeps } from "./seal-shard.ts";
import { shardIdOf, shardKeys } from "./shard-id.ts";
import { uploadLines } from "./upload-lines.ts";

/** Record-map pages between lease renewals: 2,000 records, as between the claims' renewals. */
const PAGES_PER_RENEWAL = 20;

/** A shard chosen and its record map written: what a seal needs from here on. */
export interface ShardPlan {
  seal: SealInProgress;
  recordIds: string[];
  reason: SealReason;
}

/**
 * The next shard due in a group, with its record map written, or undefined if none is due. It is planned from
 * the pending index (packing fields only), and its record map is read from the table itself, strongly
 * consistent, a page at a time: on AWS a global index can still list members that a seal just claimed. If any
 * is claimed, the record map is not written, those members are dropped and the shard is planned again, so a
 * seal never reaches for a member that is not there to take. Only the record ids outlive this call: what was
 * read to plan the shard is garbage once its record map is written.
 */
export async function planShard(
  deps: SealDeps,
  group: Group,
  key: string,
  rules: SealingRules,
  now: () => Date,
): Promise<ShardPlan | undefined> {
  const caps = laneCaps(rules.quotas, rules.lane);
  let bytes = 0;
  let counted = 0;
  let candidates = await pendingMembers(deps.db, deps.table, key, (members) => {
    for (; counted < members.length; counted++) bytes += (members[counted] as PlannedMember).bytes;
    return members.length > caps.records || bytes > caps.bytes;
  });
  for (;;) {
    const decision = nextShard(candidates, rules, now());
    if (decision.action === "wait") return undefined;
    const seal = sealOf(group, decision.kind, decision.members, now());
    const recordIds = decision.members.map((m) => m.recordId);
    const claimed = await writeRecordMap(deps, shardKeys(seal.shardId).recordMap, recordIds);
    if (claimed.size === 0) return { seal, recordIds, reason: decision.reason };
    candidates = candidates.filter((m) => !claimed.has(m.recordId));
  }
}

class ClaimedMembersError extends Error {
  override readonly name = "ClaimedMembersError";
  readonly recordIds: Set<string>;
  constructor(recordIds: Set<string>) {
    super(`${recordIds.size} planned members are already in a shard`);
    this.recordIds = recordIds;
  }
}

/**
 * Streams the record map to S3, page by page as the table gives the entries. Returns the members found claimed
 * already: then it stops writing (the failed upload leaves no object) but reads on, to learn all of them at once.
 */
async function writeRecordMap(
  deps: SealDeps,
  key: string,
  recordIds: readonly string[],
): Promise<Set<string>> {
  async function* lines(): AsyncGenerator<string> {
    const claimed = new Set<string>();
    for (let page = 0; page * BATCH_GET_LIMIT < recordIds.length; page++) {
      if (page > 0 && page % PAGES_PER_RENEWAL === 0 && !(await deps.renewLease()))
        throw new LeaseLostError("lease lost while writing a record map");
      const ids = recordIds.slice(page * BATCH_GET_LIMIT, (page + 1) * BATCH_GET_LIMIT);
      const { entries, claimed: taken } = await readEntries(deps.db, deps.table, ids);
      for (const id of taken) claimed.add(id);
      if (claimed.size === 0) for (const entry of entries) yield recordMapLine(entry);
    }
    if (claimed.size > 0) throw new ClaimedMembersError(claimed);
  }
  try {
    await uploadLines(deps.s3, deps.bucket, key, lines());
    return new Set();
  } catch (error) {
    if (error instanceof ClaimedMembersError) return error.recordIds;
    throw error;
  }
}

function sealOf(
  group: Group,
  kind: SealInProgress["kind"],
  members: readonly PlannedMember[],
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
