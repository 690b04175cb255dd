/**
 * Recap, event by event. shard-builder: every arrival joins the group's pending list and the builder asks
 * the real `nextShard` whether a shard is due; a 1-minute tick asks again so time-based seals happen without
 * arrivals. Batch shards wait in the submitter's queue; on-demand tails run at once, outside the slots.
 * job-submitter: on shard.sealed and on job.finished (each a few seconds after the fact), the real
 * `freeSlots` says how many waiting shards to start, and they start immediately.
 */
import { nextShard, type PendingMember, shardCaps } from "../src/pack-shards.ts";
import { batchJobMs, onDemandMs } from "./distributions.ts";
import { EventQueue } from "./event-queue.ts";
import type { JobDraws } from "./job-draws.ts";
import type { JobRun } from "./job-run.ts";
import { ModelJobs } from "./model-jobs.ts";
import { stream } from "./prng.ts";
import { BUILDER_TICK_MS, EPOCH_MS, QUOTAS, RECAP_EVENT_LATENCY_MS, RULES } from "./scenario.ts";
import { SlotLedger } from "./slot-ledger.ts";
import type { Transcript } from "./workload.ts";

interface Member extends PendingMember {
  arrivalMs: number;
}

interface WaitingShard {
  records: number;
  readyMs: number;
  sealReason: string;
}

export function simulateRecap(transcripts: readonly Transcript[], draws: JobDraws): JobRun[] {
  const first = transcripts[0];
  if (!first) return [];
  const queue = new EventQueue();
  const caps = shardCaps(QUOTAS);
  const latency = stream("recap-bench/recap-event-latency");
  const onDemandLuck = stream("recap-bench/on-demand");
  const eventLatency = () =>
    RECAP_EVENT_LATENCY_MS.min +
    latency.uniform() * (RECAP_EVENT_LATENCY_MS.max - RECAP_EVENT_LATENCY_MS.min);
  const jobs = new ModelJobs();
  const slots = new SlotLedger(QUOTAS.maxActiveJobs, first.arrivalMs);
  const runs: JobRun[] = [];
  const pending: Member[] = [];
  let pendingBytes = 0;
  const waiting: WaitingShard[] = [];
  let arrived = 0;

  // The real handler's cheap pre-check (seal-group's mayBeDue): it is true whenever nextShard could seal,
  // so asking nextShard only then changes no decision, and keeps 200,000 arrivals from each scanning the list.
  const mayBeDue = (now: number): boolean => {
    const oldest = pending[0];
    if (!oldest) return false;
    if (pending.length >= caps.records || pendingBytes >= caps.bytes) return true;
    return oldest.arrivalMs + RULES.maxWaitSeconds * 1000 <= now;
  };

  const seal = (now: number): void => {
    while (mayBeDue(now)) {
      const decision = nextShard(pending, RULES, new Date(EPOCH_MS + now));
      if (decision.action === "wait") return;
      const records = decision.members.length;
      // nextShard packs oldest first, so the shard is always a prefix of the pending list.
      if (decision.members[0] !== pending[0]) throw new Error("nextShard did not start at the oldest member");
      for (const member of pending.splice(0, records)) pendingBytes -= member.bytes;
      if (decision.kind === "on-demand") {
        const endMs = now + onDemandMs(records, onDemandLuck.normal());
        runs.push({
          kind: "on-demand",
          records,
          readyMs: now,
          startMs: now,
          endMs,
          sealReason: decision.reason,
        });
      } else {
        waiting.push({ records, readyMs: now, sealReason: decision.reason });
        queue.at(now + eventLatency(), fillSlots); // shard.sealed reaches the submitter
      }
    }
  };

  const fillSlots = (now: number): void => {
    for (let free = jobs.free(now); free > 0 && waiting.length > 0; free--) {
      const shard = waiting.shift() as WaitingShard;
      const draw = draws.at(jobs.started);
      const arn = jobs.create();
      const { slot, idle } = slots.take(now, shard.readyMs);
      const endMs = now + batchJobMs(shard.records, draw);
      const { records, readyMs, sealReason } = shard;
      runs.push({ kind: "batch", records, readyMs, startMs: now, endMs, idle, sealReason });
      queue.at(endMs, (end) => {
        jobs.end(arn);
        slots.release(slot, end);
        queue.at(end + eventLatency(), fillSlots); // Bedrock's state change → job.finished → the submitter
      });
    }
  };

  const arrive = (now: number): void => {
    const transcript = transcripts[arrived++] as Transcript;
    const arrival = `${new Date(EPOCH_MS + transcript.arrivalMs).toISOString()}#${transcript.recordId}`;
    pending.push({
      recordId: transcript.recordId,
      arrival,
      bytes: transcript.bytes,
      arrivalMs: transcript.arrivalMs,
    });
    pendingBytes += transcript.bytes;
    seal(now);
    const next = transcripts[arrived];
    if (next) queue.at(next.arrivalMs, arrive);
  };

  const tick = (now: number): void => {
    seal(now);
    if (arrived < transcripts.length || pending.length > 0) queue.at(now + BUILDER_TICK_MS, tick);
  };

  queue.at(first.arrivalMs, arrive);
  queue.at(first.arrivalMs + BUILDER_TICK_MS, tick);
  queue.drain();
  return runs;
}
