import { PublishBatchCommand } from "@aws-sdk/client-sns";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { type Envelope, packSnsBatches } from "@recap/shared";
import { afterEach, describe, expect, test } from "vitest";
import {
  ActiveJobSampler,
  bedrockClientFor,
  isTerminal,
  listAllJobs,
  percentile,
  refillDelays,
} from "../support/bedrock-jobs.ts";
import { listKeys, readJsonLines } from "../support/s3-text.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * Issue 7's proof: 5,000 generated calls through ingest, shard-builder and job-submitter on the local stack,
 * three instances of each, with quotas scaled down (min 100, max 1,000 records, 2 slots per model) so that
 * shards queue for slots. Every invariant is read from what users can see: the Pipeline topic, the S3 objects
 * and Bedrock's own job list.
 */
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const NOVA = "amazon.nova-lite-v1:0";
const QUOTAS = { minRecordsPerJob: 100, maxRecordsPerJob: 1_000, maxRecordsPerFile: 1_000, maxActiveJobs: 2 };
const CALLS = 5_000;
/** The first calls go to nova-lite: too few for a job, so they must go on-demand as a tail. */
const NOVA_CALLS = 40;
const SERVICES = ["ingest-normalizer", "shard-builder", "job-submitter"] as const;

interface SealedData {
  shardId: string;
  modelId: string;
  kind: "batch" | "on-demand";
  inputUri: string;
  recordMapUri: string;
  records: number;
  bytes: number;
  sealedAt: string;
}

let env: TestStack | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

async function publishCalls(stack: TestStack): Promise<number> {
  const calls = generateCalls({ count: CALLS, seed: "shards-and-slots", broken: 0 });
  const messages = calls.map((call, i) => {
    const event = toSubmittedEvent(call) as Envelope & { data: Record<string, unknown> };
    return JSON.stringify(
      i < NOVA_CALLS ? { ...event, data: { ...event.data, profile: "nova-lite" } } : event,
    );
  });
  // Packed as every publisher packs: ten entries and 256 KB a batch at most, as SNS takes them.
  const batches = packSnsBatches(messages.map((Message) => ({ Message })));
  // Eight producers at once, as a contact center's exporters would publish.
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      for (let i = worker; i < batches.length; i += 8) {
        await stack.sns.send(
          new PublishBatchCommand({
            TopicArn: stack.stack.endpoints.topics.Transcripts,
            PublishBatchRequestEntries: (batches[i] ?? []).map(({ Message }, j) => ({
              Id: String(j),
              Message,
            })),
          }),
        );
      }
    }),
  );
  return calls.length;
}

const unitKey = (d: { transcriptId: unknown; version: unknown; profile: unknown }) =>
  `${String(d.transcriptId)}|${String(d.version)}|${String(d.profile)}`;

function distinct<T>(events: Envelope[], key: (data: T) => string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const event of events) byKey.set(key(event.data as T), event.data as T);
  return byKey;
}

async function runPipeline() {
  env = await startTestStack({
    services: SERVICES,
    concurrency: 3,
    // Each worker within its Lambda's memory and CPU share where cgroups allow; unlimited, and said, elsewhere.
    lambdaLimits: true,
    visibilityTimeoutSeconds: 10,
    bedrockTiming: { scale: 0.1 },
    config: {
      models: { [HAIKU]: { quotas: QUOTAS }, [NOVA]: { quotas: QUOTAS } },
      sealing: { maxWaitSeconds: 8, deadlineLeadSeconds: 10 },
    },
  });
  const stack = env;
  // The first two jobs run 40 times slower, so sealed shards queue behind them for the two slots and every
  // later job end is a refill to measure.
  await fetch(`${stack.stack.endpoints.bedrockEndpoint}/_recap/faults`, {
    method: "POST",
    body: JSON.stringify({ slowJobs: { count: 2, factor: 40 } }),
  });
  const tap = await Tap.on(stack, [stack.stack.endpoints.topics.Pipeline ?? ""]);
  const bedrock = bedrockClientFor(stack.stack.endpoints);
  const sampler = new ActiveJobSampler(bedrock);
  sampler.start();
  let kills = 0;
  const killedAt: number[] = [];
  let killer: NodeJS.Timeout | undefined;
  // A SIGKILL every 4 to 8 s, alternating between the two services, at a random instance of each.
  const killSoon = () => {
    killer = setTimeout(
      () => {
        stack.stack.workers.kill(kills % 2 === 0 ? "shard-builder" : "job-submitter", "SIGKILL");
        kills++;
        killedAt.push(Date.now());
        killSoon();
      },
      4_000 + Math.random() * 4_000,
    );
  };
  killSoon();
  try {
    const published = await publishCalls(stack);
    const sealedShards = () => distinct<SealedData>(tap.ofType("shard.sealed"), (d) => d.shardId);
    const done = async () => {
      const units = distinct(tap.ofType("transcript.normalized"), unitKey);
      if (units.size < published) return false;
      const shards = [...sealedShards().values()];
      if (shards.reduce((sum, s) => sum + s.records, 0) < published) return false;
      const submitted = new Set(
        tap.ofType("job.submitted").map((e) => (e.data as { shardId: string }).shardId),
      );
      const finished = new Set(
        tap.ofType("job.finished").map((e) => (e.data as { shardId: string }).shardId),
      );
      if (shards.some((s) => (s.kind === "batch" ? !submitted.has(s.shardId) : !finished.has(s.shardId))))
        return false;
      return (await listAllJobs(bedrock)).every(isTerminal);
    };
    const deadline = Date.now() + 420_000;
    while (!(await done())) {
      if (Date.now() > deadline)
        throw new Error(`pipeline did not finish; logs:\n${stack.logs.slice(-30).join("\n")}`);
      await tap.drain();
    }
    const jobs = await listAllJobs(bedrock);
    return { stack, tap, published, shards: [...sealedShards().values()], jobs, sampler, kills, killedAt };
  } finally {
    clearTimeout(killer);
    await sampler.stop();
    bedrock.destroy();
  }
}

async function expectInvariants(run: Awaited<ReturnType<typeof runPipeline>>) {
  const { stack, tap, published, shards, jobs, sampler, killedAt } = run;

  // Active jobs never exceeded the 2 slots, as Bedrock itself listed them throughout.
  expect(sampler.samples).toBeGreaterThan(10);
  for (const [, max] of sampler.maxActive) expect(max).toBeLessThanOrEqual(QUOTAS.maxActiveJobs);
  expect(sampler.maxActive.get(HAIKU)).toBe(QUOTAS.maxActiveJobs);

  // Every shard is within its caps, its JSONL and record map agree, and batch shards meet the minimum.
  const owner = new Map<string, string>();
  for (const shard of shards) {
    const lines = await readJsonLines<{ recordId: string; modelInput: unknown }>(stack.s3, shard.inputUri);
    const map = await readJsonLines<{
      recordId: string;
      transcriptId: string;
      version: string;
      profile: string;
    }>(stack.s3, shard.recordMapUri);
    expect(lines).toHaveLength(shard.records);
    expect(new Set(lines.map((l) => l.recordId))).toEqual(new Set(map.map((m) => m.recordId)));
    expect(shard.records).toBeLessThanOrEqual(QUOTAS.maxRecordsPerJob);
    if (shard.kind === "batch") expect(shard.records).toBeGreaterThanOrEqual(QUOTAS.minRecordsPerJob);
    else expect(shard.records).toBeLessThan(QUOTAS.minRecordsPerJob);
    for (const entry of map) {
      const key = unitKey(entry);
      // Each unit of work is in exactly one shard or one on-demand run.
      expect(owner.get(key), `${key} in ${owner.get(key)} and ${shard.shardId}`).toBeUndefined();
      owner.set(key, shard.shardId);
    }
  }
  const units = distinct(tap.ofType("transcript.normalized"), unitKey);
  expect(units.size).toBe(published);
  expect(new Set(owner.keys())).toEqual(new Set(units.keys()));

  // One job per batch shard, named for it, and each job's input is its shard.
  const batch = shards.filter((s) => s.kind === "batch");
  expect(jobs).toHaveLength(batch.length);
  expect(new Set(jobs.map((j) => j.jobName))).toEqual(new Set(batch.map((s) => `recap-local-${s.shardId}`)));

  // How soon a freed slot is refilled, from Bedrock's terminal-status time to the next create, counted
  // whenever a shard was already announced (shard.sealed published) and waiting at that moment. Printed, not
  // asserted: a test never fails on a stopwatch.
  const announcedAt = new Map<string, number>();
  for (const event of tap.ofType("shard.sealed")) {
    const name = `recap-local-${(event.data as SealedData).shardId}`;
    announcedAt.set(
      name,
      Math.min(Date.parse(event.time), announcedAt.get(name) ?? Number.POSITIVE_INFINITY),
    );
  }
  // A job that ends within 3 s after a kill may have had its end seen by the very instance killed: that refill
  // waits for the instance's lease or messages to come back, as on Lambda. Those are left out of the figure.
  const afterKill = (end: number) => killedAt.some((at) => end >= at - 1_000 && end <= at + 3_000);
  const delays = refillDelays(jobs, (name) => announcedAt.get(name), afterKill);

  // Tails below the minimum ran on-demand (nova-lite's 40 calls among them, in one tail or, on a loaded
  // machine where they arrive more than maxWait apart, several), in Bedrock's batch output layout.
  const tails = shards.filter((s) => s.kind === "on-demand");
  const novaTails = tails.filter((s) => s.modelId === NOVA).map((s) => s.records);
  expect(novaTails.reduce((sum, n) => sum + n, 0)).toBe(NOVA_CALLS);
  const finished = tap
    .ofType("job.finished")
    .map((e) => e.data as { shardId: string; outputUri: string; status: string });
  for (const tail of tails) {
    const run = finished.find((f) => f.shardId === tail.shardId);
    expect(run?.status).toBe("Completed");
    const keys = await listKeys(stack.s3, run?.outputUri ?? "");
    expect(keys.some((k) => k.endsWith("/manifest.json.out"))).toBe(true);
    const out = keys.find((k) => k.endsWith(".jsonl.out")) ?? "";
    const lines = await readJsonLines<{ modelOutput?: unknown }>(
      stack.s3,
      `s3://${stack.stack.endpoints.bucket}/${out}`,
    );
    expect(lines.filter((l) => l.modelOutput)).toHaveLength(tail.records);
  }
  return { delays, shards: shards.length, jobs: jobs.length };
}

describe("shard-builder and job-submitter over the local stack, 3 instances each", () => {
  test("5,000 calls with instances of both killed (SIGKILL) at random moments: every unit in exactly one shard, shards within caps, one job per batch shard, never more than 2 active jobs, the tail on-demand", async () => {
    const run = await runPipeline();
    expect(run.kills).toBeGreaterThan(5);
    const facts = await expectInvariants(run);
    const p95 = facts.delays.length === 0 ? "n/a" : `${percentile(facts.delays, 95).toFixed(2)} s`;
    console.log(
      `kills ${run.kills}, shards ${facts.shards}, jobs ${facts.jobs}, refill p95 ${p95} over ${facts.delays.length} refills`,
    );
  }, 480_000);
});
