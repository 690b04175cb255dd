import type { BatchQuotas, TailPolicy } from "@recap/shared";
import type { Lane } from "./group-key.ts";

/** What packing needs to know of a unit of work waiting for a shard. */
export interface PendingMember {
  recordId: string;
  /** ISO time it entered the builder, then its recordId: the order members are packed in. */
  arrival: string;
  /** Its JSONL line's size in bytes, newline included. */
  bytes: number;
  deadline?: string;
}

export interface SealingRules {
  quotas: BatchQuotas;
  maxWaitSeconds: number;
  deadlineLeadSeconds: number;
  tailPolicy: TailPolicy;
  lane: Lane;
}

export type ShardDecision<M extends PendingMember = PendingMember> =
  | { action: "wait" }
  | { action: "seal"; kind: "batch" | "on-demand"; members: M[]; reason: SealReason };

export type SealReason = "records-cap" | "bytes-cap" | "max-wait" | "deadline";

/** A shard is one input file, so the tighter of the per-job and per-file caps applies. */
export function shardCaps(quotas: BatchQuotas): { records: number; bytes: number } {
  return {
    records: Math.min(quotas.maxRecordsPerJob, quotas.maxRecordsPerFile),
    bytes: Math.min(quotas.maxInputFileBytes, quotas.maxJobInputBytes),
  };
}

/** A retry shard holds a tenth of a full one (never below the job minimum): retries are few and already late. */
const RETRY_SHARE = 10;

/** The caps of one lane's shards: a retry shard is smaller, within the same byte caps. */
export function laneCaps(quotas: BatchQuotas, lane: Lane): { records: number; bytes: number } {
  const caps = shardCaps(quotas);
  if (lane === "first") return caps;
  const retryRecords = Math.max(quotas.minRecordsPerJob, Math.ceil(quotas.maxRecordsPerJob / RETRY_SHARE));
  return { ...caps, records: Math.min(caps.records, retryRecords) };
}

/**
 * The next shard to seal from a group's pending members (oldest first), or none yet. A shard seals at the
 * first of: the records cap, a byte cap, the oldest member having waited `maxWaitSeconds`, or the earliest
 * deadline among its members coming within `deadlineLeadSeconds`. Never below the job minimum: a tail that is
 * due goes on-demand, or keeps waiting under the `wait` policy. Nothing is ever padded. A retry lane packs
 * smaller shards and its due tail always goes on-demand, whatever the policy: a retried record has already
 * missed one round trip, and waiting for more retries to reach a job minimum might never end.
 */
export function nextShard<M extends PendingMember>(
  pending: readonly M[],
  rules: SealingRules,
  now: Date,
): ShardDecision<M> {
  const oldest = pending[0];
  if (!oldest) return { action: "wait" };
  const caps = laneCaps(rules.quotas, rules.lane);
  const members: M[] = [];
  let bytes = 0;
  for (const member of pending) {
    if (members.length === caps.records || bytes + member.bytes > caps.bytes) break;
    members.push(member);
    bytes += member.bytes;
  }
  if (members.length === 0) members.push(oldest); // a single line over the byte cap still has to go somewhere
  const full: SealReason | undefined =
    members.length === caps.records
      ? "records-cap"
      : members.length < pending.length
        ? "bytes-cap"
        : undefined;
  const due = full ?? dueReason(members, rules, now);
  if (!due) return { action: "wait" };
  if (members.length >= rules.quotas.minRecordsPerJob)
    return { action: "seal", kind: "batch", members, reason: due };
  if (rules.lane === "retry" || rules.tailPolicy === "on-demand")
    return { action: "seal", kind: "on-demand", members, reason: due };
  return { action: "wait" };
}

function dueReason(
  members: readonly PendingMember[],
  rules: SealingRules,
  now: Date,
): SealReason | undefined {
  const oldest = members[0];
  if (oldest && Date.parse(arrivalTime(oldest)) + rules.maxWaitSeconds * 1000 <= now.getTime())
    return "max-wait";
  const deadline = earliestDeadline(members);
  if (deadline && Date.parse(deadline) - rules.deadlineLeadSeconds * 1000 <= now.getTime()) return "deadline";
  return undefined;
}

/** The ISO time part of an arrival key (`<ISO time>#<recordId>`). */
export function arrivalTime(member: Pick<PendingMember, "arrival">): string {
  return member.arrival.slice(0, member.arrival.indexOf("#"));
}

export function earliestDeadline(members: readonly Pick<PendingMember, "deadline">[]): string | undefined {
  let earliest: string | undefined;
  for (const { deadline } of members) {
    if (deadline && (!earliest || Date.parse(deadline) < Date.parse(earliest))) earliest = deadline;
  }
  return earliest;
}
