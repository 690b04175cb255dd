/**
 * The packing function's own speed: pack a backlog of 200,000 pending members into shards with `nextShard`,
 * against a trivial baseline measured in the same run: greedy slicing at the same two caps, which produces
 * the very same shards with none of the rules (so the ratio is the price of the rules, not of the work).
 */
import { nextShard, type PendingMember, shardCaps } from "../src/pack-shards.ts";
import { percentile } from "./percentile.ts";
import { EPOCH_MS, QUOTAS, RULES } from "./scenario.ts";
import type { Transcript } from "./workload.ts";

const WARMUP_ROUNDS = 5;
const TIMED_ROUNDS = 21;
const PACKS_PER_SAMPLE = 4;

export interface PackingSpeed {
  rounds: number;
  members: number;
  shards: number;
  nextShardMs: number;
  baselineMs: number;
}

/** Like the real handler, each call sees at most cap + 1 members: enough to tell a full shard from a tail. */
function packWithNextShard(members: readonly PendingMember[], now: Date): number[] {
  const window = shardCaps(QUOTAS).records + 1;
  const sizes: number[] = [];
  for (let start = 0; start < members.length; ) {
    const decision = nextShard(members.slice(start, start + window), RULES, now);
    if (decision.action === "wait") throw new Error("a member past its max wait was not sealed");
    sizes.push(decision.members.length);
    start += decision.members.length;
  }
  return sizes;
}

function packBySlicing(members: readonly PendingMember[]): number[] {
  const caps = shardCaps(QUOTAS);
  const sizes: number[] = [];
  for (let start = 0; start < members.length; ) {
    let end = start;
    let bytes = 0;
    while (end < members.length && end - start < caps.records) {
      const next = (members[end] as PendingMember).bytes;
      if (end > start && bytes + next > caps.bytes) break;
      bytes += next;
      end++;
    }
    sizes.push(members.slice(start, end).length);
    start = end;
  }
  return sizes;
}

/**
 * Median time of one pack, from rounds that alternate the two contenders (so both meet the same machine
 * noise), each round timing a few packs in a row so a sample is long enough for the clock.
 */
function medianTimes(contenders: readonly (() => unknown)[]): number[] {
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const pack of contenders) pack();
  const samples = contenders.map((): number[] => []);
  for (let round = 0; round < TIMED_ROUNDS; round++) {
    contenders.forEach((pack, i) => {
      const started = performance.now();
      for (let r = 0; r < PACKS_PER_SAMPLE; r++) pack();
      samples[i]?.push((performance.now() - started) / PACKS_PER_SAMPLE);
    });
  }
  return samples.map((times) => percentile(times, 50) as number);
}

export function packingSpeed(transcripts: readonly Transcript[]): PackingSpeed {
  const members: PendingMember[] = transcripts.map((t) => ({
    recordId: t.recordId,
    arrival: `${new Date(EPOCH_MS + t.arrivalMs).toISOString()}#${t.recordId}`,
    bytes: t.bytes,
  }));
  const lastArrival = transcripts.at(-1)?.arrivalMs ?? 0; // transcripts come in arrival order
  const allDue = new Date(EPOCH_MS + lastArrival + RULES.maxWaitSeconds * 1000); // the tail seals too
  const packed = packWithNextShard(members, allDue);
  const sliced = packBySlicing(members);
  if (packed.join() !== sliced.join()) throw new Error(`shards differ: ${packed.join()} vs ${sliced.join()}`);
  const [nextShardMs, baselineMs] = medianTimes([
    () => packWithNextShard(members, allDue),
    () => packBySlicing(members),
  ]);
  return {
    rounds: TIMED_ROUNDS,
    members: members.length,
    shards: packed.length,
    nextShardMs: nextShardMs as number,
    baselineMs: baselineMs as number,
  };
}
