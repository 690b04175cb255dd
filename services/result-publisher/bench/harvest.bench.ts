// Harvests one finished 50,000-record Bedrock batch job (about 200 MB of output) through the real
// result-publisher handler, one child process per Lambda invocation: the job.finished that plans the harvest,
// then every harvest.chunk it published, the last of which also finishes the job (sweep and report). Prints
// each invocation's wall time and peak RSS against issue 8's limits (15 minutes an invocation, peak RSS under
// 150 MB, a timeout repeating one chunk, not the job), and checks that every record ended summarized,
// retrying or failed exactly once. S3, SNS, SQS and DynamoDB run on loopback in a process of their own.
//   npx -c "node --expose-gc services/result-publisher/bench/harvest.bench.ts [records]"   (50,000)
// Each invocation runs the code as Lambda would: bundled as SST deploys it (SST's own esbuild: one minified
// ESM file). HARVEST_BENCH_MODE=source runs the TypeScript as it is instead (Node's type stripping, every
// module loaded on its own, as `recap dev` runs it), which costs about 30 MB more at start.
// Invocations run with the function's runtimeEnvironment from the topology (NODE_OPTIONS, MALLOC_ARENA_MAX), as
// on Lambda. For experiments: HARVEST_BENCH_NODE_FLAGS="--max-semi-space-size=8" passes flags to their node,
// HARVEST_BENCH_INVOKE_ENV='{"MALLOC_ARENA_MAX":"2"}' adds to their environment.
// Not in the figures: Lambda's own runtime client and TLS to AWS's endpoints (a few MB), and AWS's latency
// (requests here go to loopback emulators, so the seconds are CPU-bound and vary with the machine's load).

import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { toSqsEvent } from "@recap/local/sqs-event";
import { createEvent, jobFinished, services } from "@recap/shared";
import { createPublisher } from "@recap/shared/runtime";
import { CHUNK_BYTES, chunkRanges } from "../src/chunk-ranges.ts";
import { bundleInvocation, type Invocation, invoke, runFixture, startEmulators } from "./harvest-children.ts";
import { benchClients, REGION } from "./harvest-env.ts";
import type { HarvestCheck, SeedResult } from "./harvest-fixture.ts";
import type { PhaseResult } from "./harvest-invoke.ts";

/** Issue 8's limits. */
const TARGET_PEAK_RSS_MB = 150;
const LAMBDA_TIMEOUT_S = services["result-publisher"].timeoutSeconds;

const records = Number(process.argv[2] ?? 50_000);
const nodeFlags = (process.env.HARVEST_BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const invokeEnv = {
  ...services["result-publisher"].runtimeEnvironment,
  ...(JSON.parse(process.env.HARVEST_BENCH_INVOKE_ENV ?? "{}") as Record<string, string>),
};
const SEED = "harvest";
const shardId = `bench-harvest-${records}`;
const jobId = "benchjob0001";
const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);
const s = (ms: number) => (ms / 1000).toFixed(1);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const load = () => `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`;

const dir = await mkdtemp(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "recap-harvest-bench-"));
const emulators = await startEmulators();
const { endpoints } = emulators;
const clients = benchClients(endpoints);
try {
  const script = process.env.HARVEST_BENCH_MODE === "source" ? undefined : await bundleInvocation(dir);
  console.log(
    `Harvesting one ${records.toLocaleString("en-US")}-record batch job with the real result-publisher handler, one process per invocation (MB = 2^20 bytes).`,
  );
  console.log(
    script
      ? "invocations run bundled as SST deploys them (esbuild, ESM, minified)"
      : `invocations run the TypeScript sources (Node type stripping)${process.env.HARVEST_BENCH_MODE === "source" ? "" : ": SST's esbuild is not installed (npm run typecheck:infra installs it)"}`,
  );
  if (nodeFlags.length > 0 || Object.keys(invokeEnv).length > 0)
    console.log(
      `invocation node flags ${JSON.stringify(nodeFlags)}, extra environment ${JSON.stringify(invokeEnv)}`,
    );
  console.log(load());
  const folder = `outputs/${shardId}/${jobId}/`;
  const seeded = await runFixture<SeedResult>(endpoints, [
    "seed",
    dir,
    SEED,
    shardId,
    folder,
    String(records),
  ]);
  await rm(join(dir, "input.jsonl.out"));
  await rm(join(dir, "record-map.jsonl"));
  console.log(
    `setup: ${seeded.records.toLocaleString("en-US")} records, ${seeded.lines.toLocaleString("en-US")} output lines, ` +
      `${mb(seeded.outputBytes)} MB output (${(seeded.outputBytes / 1e6).toFixed(1)} MB decimal), ` +
      `${mb(seeded.recordMapBytes)} MB record map, in ${seeded.seconds.toFixed(1)} s; kinds ${JSON.stringify(seeded.kinds)}`,
  );

  // The job.finished status-watcher would publish, through SNS to result-publisher's queue.
  const publish = createPublisher(
    clients.sns,
    (topic) => endpoints.topics[topic as "Pipeline" | "Summaries"],
  );
  await publish(
    createEvent(jobFinished, {
      producer: "status-watcher",
      correlationId: shardId,
      data: {
        shardId,
        kind: "batch",
        jobArn: `arn:aws:bedrock:${REGION}:000000000000:model-invocation-job/${jobId}`,
        modelId: "anthropic.claude-3-haiku-20240307-v1:0",
        profile: "default",
        status: "PartiallyCompleted",
        outputUri: `s3://${endpoints.bucket}/${folder}`,
        recordMapUri: `s3://${endpoints.bucket}/${seeded.recordMapKey}`,
        records,
        endedAt: new Date().toISOString(),
      },
    }),
  );
  const invocations: Invocation[] = [];
  const run = async (
    label: string,
    message: Message,
    options: { killAfterMs?: number; receiveCount?: number } = {},
  ) => {
    const event = toSqsEvent([message], endpoints.chunkQueueArn, REGION);
    const record = event.Records[0];
    if (record && options.receiveCount)
      record.attributes.ApproximateReceiveCount = String(options.receiveCount);
    const done = await invoke(endpoints, dir, label, event, {
      nodeFlags,
      env: invokeEnv,
      ...(script ? { script } : {}),
      ...options,
    });
    invocations.push(done);
    if (done.result && !done.result.ok) throw new Error(`${label}: ${done.result.failures.join("; ")}`);
    console.log(invocationLine(done));
    return done;
  };
  const started = performance.now();
  const [finished] = await receive(1);
  if (!finished) throw new Error("job.finished never reached result-publisher's queue");
  await run("plan", finished);
  await remove(finished);

  const expectedChunks = chunkRanges([{ key: seeded.outputKey, size: seeded.outputBytes }]).length;
  const chunkMessages = (await receive(expectedChunks)).sort((a, b) => chunkOf(a) - chunkOf(b));
  // One invocation is killed half-way through its chunk (a timeout or a crash) and its message redelivered.
  // (From the fourth chunk on, so that the chunks before it say how long a chunk takes; not on a small job.)
  const killAt = chunkMessages.length >= 6 ? Math.max(3, Math.floor(chunkMessages.length / 3)) : -1;
  for (const [i, message] of chunkMessages.entries()) {
    const label = `chunk ${chunkOf(message)}`;
    if (i === killAt) {
      const soFar = invocations.filter((inv) => inv.label.startsWith("chunk")).map((inv) => inv.wallMs);
      await run(`${label} (killed)`, message, { killAfterMs: Math.round(median(soFar) / 2) });
      await run(`${label} (redelivered)`, message, { receiveCount: 2 });
    } else await run(label, message);
    await remove(message);
  }
  const totalMs = performance.now() - started;

  const check = await runFixture<HarvestCheck>(endpoints, ["verify", SEED, shardId, String(records)]);
  summarize(seeded, invocations, expectedChunks, totalMs, check);
  console.log(load());
} finally {
  clients.s3.destroy();
  clients.sns.destroy();
  clients.sqs.destroy();
  clients.db.destroy();
  await emulators.stop();
  await rm(dir, { recursive: true, force: true });
}

function chunkOf(message: Message): number {
  return Number((JSON.parse(message.Body ?? "{}") as { data?: { chunk?: number } }).data?.chunk);
}

/** Takes `n` messages off result-publisher's queue, as its event source mapping would (one per invocation). */
async function receive(n: number): Promise<Message[]> {
  const messages = new Map<string, Message>();
  const deadline = Date.now() + 60_000;
  while (messages.size < n && Date.now() < deadline) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: endpoints.chunkQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: services["result-publisher"].timeoutSeconds * 6,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
      }),
    );
    for (const message of Messages) messages.set(message.MessageId ?? "", message);
  }
  if (messages.size !== n) throw new Error(`${messages.size} messages on result-publisher's queue, not ${n}`);
  return [...messages.values()];
}

async function remove(message: Message): Promise<void> {
  await clients.sqs.send(
    new DeleteMessageCommand({ QueueUrl: endpoints.chunkQueueUrl, ReceiptHandle: message.ReceiptHandle }),
  );
}

function phaseText(phase: PhaseResult): string {
  const calls = Object.entries(phase.requests)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
  const heap = `heap ${mb(phase.atPeak.heapUsed)} used of ${mb(phase.atPeak.heapTotal)}, external ${mb(phase.atPeak.external)}`;
  // The heap's spaces that hold more than a megabyte: new (young), old, code, large objects (lo) ...
  const spaces = Object.entries(phase.spacesAtPeak)
    .filter(([, size]) => size >= MB)
    .map(([name, size]) => `${name.replace(/_space$/, "").replace("large_object", "lo")} ${mb(size)}`)
    .join(" ");
  return `${phase.name} ${s(phase.ms)} s, peak RSS ${mb(phase.peakRss)} MB (at peak: ${heap}; ${spaces}); ${calls}`;
}

function invocationLine(inv: Invocation): string {
  const head = `${inv.label.padEnd(22)} wall ${s(inv.wallMs).padStart(6)} s`;
  if (!inv.result) return `${head}   killed (SIGKILL) after ${s(inv.wallMs)} s`;
  const r = inv.result;
  return [
    `${head}   init ${s(r.initMs)} s   peak RSS ${mb(r.peakRss).padStart(6)} MB (maxRSS ${mb(r.maxRss)})`,
    ...r.phases.map((phase) => `    ${phaseText(phase)}`),
  ].join("\n");
}

function summarize(
  seeded: SeedResult,
  invocations: Invocation[],
  expectedChunks: number,
  totalMs: number,
  check: HarvestCheck,
): void {
  const done = invocations.filter((inv): inv is Invocation & { result: NonNullable<Invocation["result"]> } =>
    Boolean(inv.result),
  );
  const phases = (name: PhaseResult["name"]) =>
    done.flatMap((inv) => inv.result.phases.filter((p) => p.name === name));
  const chunkPhases = phases("chunk");
  const finish = phases("finish");
  const plan = phases("plan");
  const chunkInvocations = done.filter((inv) => inv.label.startsWith("chunk"));
  const stat = (xs: number[], f: (x: number) => string) =>
    `max ${f(Math.max(...xs))}, median ${f(median(xs))}`;
  const lines = [
    "",
    `records ${seeded.records.toLocaleString("en-US")}, output ${mb(seeded.outputBytes)} MB in ${seeded.lines.toLocaleString("en-US")} lines, ${expectedChunks} chunks of ${CHUNK_BYTES / MB} MiB, record map ${mb(seeded.recordMapBytes)} MB`,
    `plan (job.finished):     wall ${s(done[0]?.wallMs ?? 0)} s, peak RSS ${mb(Math.max(...plan.map((p) => p.peakRss)))} MB`,
    `chunk invocations (${chunkInvocations.length}, cold starts included): wall ${stat(
      chunkInvocations.map((inv) => inv.wallMs),
      (x) => `${s(x)} s`,
    )}; peak RSS ${stat(
      chunkInvocations.map((inv) => inv.result.peakRss),
      (x) => `${mb(x)} MB`,
    )}`,
    `  harvestOneChunk alone: ${stat(
      chunkPhases.map((p) => p.ms),
      (x) => `${s(x)} s`,
    )}; peak RSS ${stat(
      chunkPhases.map((p) => p.peakRss),
      (x) => `${mb(x)} MB`,
    )}`,
    finish.length > 0
      ? `finish (sweep + report, in the last chunk's invocation): ${finish.map((p) => `${s(p.ms)} s, peak RSS ${mb(p.peakRss)} MB`).join("; ")}; that whole invocation ${s(done.at(-1)?.wallMs ?? 0)} s, peak RSS ${mb(done.at(-1)?.result.peakRss ?? 0)} MB`
      : "finish: NOT RUN",
    `total wall time, invocations one after another: ${s(totalMs)} s (${(totalMs / 60_000).toFixed(1)} min)`,
  ];
  const killed = invocations.find((inv) => inv.killed);
  const redelivered = invocations.find((inv) => inv.label.endsWith("(redelivered)"));
  if (killed && redelivered)
    lines.push(
      `timeout/crash: ${killed.label} was killed after ${s(killed.wallMs)} s; its redelivery took ${s(redelivered.wallMs)} s. Every other chunk ran once: a lost invocation costs one chunk (1/${expectedChunks} of the job), not the job.`,
    );
  const report = check.report;
  const sum = report ? report.summarized + report.retrying + report.failed : 0;
  lines.push(
    `outcomes (job report): ${report ? `summarized ${report.summarized}, retrying ${report.retrying}, failed ${report.failed}: sum ${sum} of ${report.total}` : "NO REPORT"}; tokens agree with the manifest: ${report?.tokensAgree}`,
    `outcomes (table):      summarized ${check.table.summarized}, retrying ${check.table.retrying}, failed ${check.table.failed}, other ${check.table.other}`,
    `outcomes (expected):   summarized ${seeded.expected.summarized}, retrying ${seeded.expected.retrying}, failed ${seeded.expected.failed}`,
    `records in the wrong state (outcome, deciding recordId or failure code): ${check.mismatches}${check.mismatchExamples.map((e) => `\n  ${e}`).join("")}`,
    `summaries stored: ${check.summariesStored}; events heard: ${JSON.stringify(check.events.byType)}; units with an outcome event ${check.events.unitsWithOutcomeEvent}, with two distinct ones ${check.events.unitsWithTwoOutcomes}; units retried ${check.events.unitsRetried}; job.reported ids ${check.events.jobReported}`,
    `plan: ${check.plan.chunksWithTotals}/${check.plan.chunks} chunks with totals, reported ${check.plan.reported}`,
  );
  const failures: string[] = [];
  const expect = (ok: boolean, what: string) => ok || failures.push(what);
  expect(
    report !== undefined && sum === records && report.total === records,
    `outcomes sum to ${sum}, not ${records}`,
  );
  expect(
    check.table.summarized === seeded.expected.summarized &&
      check.table.retrying === seeded.expected.retrying &&
      check.table.failed === seeded.expected.failed &&
      check.table.other === 0,
    "the table's outcomes differ from the expected ones",
  );
  expect(
    report?.summarized === seeded.expected.summarized &&
      report.retrying === seeded.expected.retrying &&
      report.failed === seeded.expected.failed,
    "the report's outcomes differ from the expected ones",
  );
  expect(check.mismatches === 0, `${check.mismatches} records in the wrong state`);
  expect(check.summariesStored === seeded.expected.summarized, `${check.summariesStored} summaries stored`);
  expect(check.events.unitsWithTwoOutcomes === 0, "a unit got two distinct outcome events");
  expect(
    check.events.unitsWithOutcomeEvent === seeded.expected.summarized + seeded.expected.failed,
    `${check.events.unitsWithOutcomeEvent} units with an outcome event`,
  );
  expect(
    check.events.unitsRetried === seeded.expected.retrying,
    `${check.events.unitsRetried} units retried`,
  );
  expect(check.events.jobReported === 1, `${check.events.jobReported} distinct job.reported events`);
  expect(report?.tokensAgree === true, "the report's tokens disagree with the manifest");
  expect(finish.length === 1, "the job was not finished exactly once");
  const peak = Math.max(...done.map((inv) => inv.result.peakRss));
  const longest = Math.max(...done.map((inv) => inv.wallMs));
  lines.push(
    `issue 8: peak RSS of any invocation ${mb(peak)} MB = ${(peak / 1e6).toFixed(1)} million bytes; target < ${TARGET_PEAK_RSS_MB} MB: ${peak < TARGET_PEAK_RSS_MB * MB ? "PASS" : "FAIL"} in MB of 2^20 bytes, ${peak < TARGET_PEAK_RSS_MB * 1e6 ? "PASS" : "FAIL"} in millions of bytes; ` +
      `longest invocation ${s(longest)} s of Lambda's ${LAMBDA_TIMEOUT_S} s (${((longest / 1000 / LAMBDA_TIMEOUT_S) * 100).toFixed(1)} %): ${longest < LAMBDA_TIMEOUT_S * 1000 ? "PASS" : "FAIL"}; ` +
      `checks: ${failures.length === 0 ? "ok" : "FAILED"}`,
  );
  for (const failure of failures) lines.push(`  FAILED: ${failure}`);
  console.log(lines.join("\n"));
  if (failures.length > 0) process.exitCode = 1;
}
