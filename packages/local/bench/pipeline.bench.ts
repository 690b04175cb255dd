// The whole pipeline's non-model throughput (issue #8): generated calls published with the plain SDK until
// every one is a summary.ready on a subscribed queue, on the local stack (three instances per service, jobs
// as fast as the local Bedrock runs them), against the raw SNS → SQS ceiling of the same emulator, measured
// in the same run. Prints calls/s, each call's SNS → SQS deliveries, and the ratio.
//   npx -c "node packages/local/bench/pipeline.bench.ts [calls]"   (2,000 by default)
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { BedrockClient, ListModelInvocationJobsCommand } from "@aws-sdk/client-bedrock";
import { CreateTopicCommand, PublishBatchCommand, SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { publishInBatches } from "../src/publish-batches.ts";
import { startLocalStack } from "../src/stack.ts";
import { TopicFeed } from "../src/topic-feed.ts";

const CALLS = Number(process.argv[2] ?? 2_000);
/** Raw hops measured for the ceiling: enough for a steady rate, a few seconds on this emulator. */
const CEILING_MESSAGES = 6_000;
/** Consumers of the ceiling queue: as many as the pipeline runs per service. */
const CONSUMERS = 3;
const QUOTAS = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 1_000,
  maxRecordsPerFile: 1_000,
  maxActiveJobs: 10,
};
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

// Memory-backed where the machine has it, as the pipeline tests run: the emulators' persistence otherwise
// measures the disk.
const dir = await mkdtemp(path.join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "recap-bench-pipeline-"));
const stack = await startLocalStack({
  dir,
  port: 0,
  concurrency: 3,
  tickEverySeconds: 1,
  // Jobs pass their phases at once and answer each record as fast as the offline summarizer writes it: what
  // is left is Recap's own work and the emulators'.
  bedrockTiming: { scale: 0 },
  config: {
    models: { [MODEL]: { quotas: QUOTAS } },
    sealing: { maxWaitSeconds: 2, deadlineLeadSeconds: 10 },
  },
  log: () => {},
});
const { region, endpoint, credentials } = stack.endpoints;
const sns = new SNSClient({ region, endpoint, credentials });
const sqs = new SQSClient({ region, endpoint, credentials });

try {
  const ceiling = await rawCeiling();
  const pipeline = await pipelineRun();
  const callsPerSecond = CALLS / pipeline.seconds;
  console.log(`pipeline throughput, ${CALLS.toLocaleString("en-US")} calls (${machine()})`);
  console.log(
    `  raw SNS → SQS ceiling: ${ceiling.toFixed(0)} messages/s (${CEILING_MESSAGES.toLocaleString("en-US")} ` +
      `published in batches of 10, ${CONSUMERS} consumers receiving and deleting 10 at a time)`,
  );
  console.log(
    `  pipeline: ${pipeline.seconds.toFixed(1)} s, ${callsPerSecond.toFixed(1)} calls/s from transcript.submitted ` +
      `to summary.ready (${pipeline.jobs} batch jobs)`,
  );
  console.log(
    `  ratio: ${(callsPerSecond / ceiling).toFixed(3)} calls per raw message: ${(ceiling / callsPerSecond).toFixed(1)} ` +
      `raw hops' worth of emulator time per call, which makes at least 3 hops (submitted, normalized, ready)`,
  );
} finally {
  sns.destroy();
  sqs.destroy();
  await stack.stop();
  await rm(dir, { recursive: true, force: true });
}

/** Messages/s through one topic and one raw-delivery queue on the same fauxqs, publish and consume overlapping. */
async function rawCeiling(): Promise<number> {
  const { TopicArn = "" } = await sns.send(new CreateTopicCommand({ Name: "BenchCeiling" }));
  const queue = await TopicFeed.subscribed(sns, sqs, "BenchCeiling", [TopicArn]);
  // A body the size of a typical summary.ready.
  const body = JSON.stringify({ type: "bench", padding: "x".repeat(1_500) });
  const started = performance.now();
  const publishing = (async () => {
    for (let i = 0; i < CEILING_MESSAGES; i += 10) {
      const entries = Array.from({ length: Math.min(10, CEILING_MESSAGES - i) }, (_, j) => ({
        Id: String(j),
        Message: body,
      }));
      await sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: entries }));
    }
  })();
  await Promise.all([
    publishing,
    ...Array.from({ length: CONSUMERS }, () => queue.consumeUntil(() => queue.received >= CEILING_MESSAGES)),
  ]);
  return CEILING_MESSAGES / ((performance.now() - started) / 1_000);
}

async function pipelineRun(): Promise<{ seconds: number; jobs: number }> {
  const summaries = await TopicFeed.subscribed(
    sns,
    sqs,
    "BenchSummaries",
    [stack.endpoints.topics.Summaries ?? ""],
    { type: ["summary.ready"] },
  );
  const messages = generateCalls({ count: CALLS, seed: "pipeline-bench", broken: 0 }).map((call) =>
    JSON.stringify(toSubmittedEvent(call)),
  );
  const started = performance.now();
  await publishInBatches(sns, stack.endpoints.topics.Transcripts ?? "", messages);
  const units = new Set<string>();
  await summaries.consumeUntil(
    () => units.size >= CALLS,
    (event) => {
      const data = event.data as { transcriptId: string; version: string; profile: string };
      units.add(`${data.transcriptId}|${data.version}|${data.profile}`);
    },
  );
  const seconds = (performance.now() - started) / 1_000;
  const bedrock = new BedrockClient({ region, endpoint: stack.endpoints.bedrockEndpoint, credentials });
  const { invocationJobSummaries = [] } = await bedrock.send(
    new ListModelInvocationJobsCommand({ maxResults: 1_000 }),
  );
  bedrock.destroy();
  return { seconds, jobs: invocationJobSummaries.length };
}

function machine(): string {
  return `${availableParallelism()} cores, load ${loadavg()[0]?.toFixed(1)} at the end`;
}
