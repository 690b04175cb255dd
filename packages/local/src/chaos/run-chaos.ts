import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BedrockClient } from "@aws-sdk/client-bedrock";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { seededRandom } from "@recap/bedrock-local/seeded-random";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { type Envelope, type ServiceName, serviceNames } from "@recap/shared";
import type { Endpoints } from "../endpoints.ts";
import { lambdaLimitsText } from "../lambda-limits/limits-text.ts";
import { publishInBatches } from "../publish-batches.ts";
import { TopicFeed } from "../topic-feed.ts";
import { type ChaosFigures, figuresOf } from "./chaos-figures.ts";
import { freePort } from "./free-port.ts";
import { jobsOf } from "./job-ledger.ts";
import { OutcomeLedger } from "./outcome-ledger.ts";
import { parkedMessages } from "./parked-count.ts";
import { rejectedCall } from "./rejected-call.ts";
import { StackChild } from "./stack-child.ts";

export interface ChaosOptions {
  calls: number;
  /** Instances of every service. */
  workers: number;
  /** Seeds the calls and the choice of victims. */
  seed: string;
  /** A worker is SIGKILLed every this many to twice this many seconds; which instance is random. */
  killEverySeconds: number;
  /** The whole stack is killed and restarted once, when this share of the calls has ended. */
  restartAtShare: number;
  /** No new outcome for this long: the run ends, and the calls without one are counted. */
  stallSeconds: number;
  /** The local Bedrock's time scale (its jobs' phases and records). */
  timeScale: number;
  /**
   * Each worker within its function's Lambda memory and CPU share (`--lambda-limits`): on by default; where
   * cgroups cannot be used the run goes on unlimited and says why.
   */
  lambdaLimits?: boolean;
  /** Keep the state directory (emulator data, stack.log) for a look afterwards. */
  keepDir?: boolean;
  progress?: (line: string) => void;
}

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
/** Small jobs, few slots: many jobs to be mid-flight in when a kill comes. */
const QUOTAS = { minRecordsPerJob: 100, maxRecordsPerJob: 250, maxRecordsPerFile: 250, maxActiveJobs: 3 };
/** A killed worker's batch reappears after the visibility timeout, as on Lambda: kept short so a run ends. */
const VISIBILITY_TIMEOUT_SECONDS = 10;

/**
 * Calls through the local stack while workers are SIGKILLed at random and, once, the whole stack with its
 * emulators; then counts what a subscriber heard against what was published, and what Bedrock's job list
 * holds. Read from outside, as a user would: the Summaries topic through a queue of its own, and Bedrock.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const started = Date.now();
  const progress = options.progress ?? (() => {});
  const dir = await mkdtemp(path.join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "recap-chaos-"));
  const stack = new StackChild(
    {
      dir,
      port: await freePort(),
      bedrockPort: await freePort(),
      dynamodbPort: await freePort(),
      concurrency: options.workers,
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
      tickEverySeconds: 1,
      bedrockTiming: { scale: options.timeScale },
      lambdaLimits: options.lambdaLimits ?? true,
      config: {
        models: { [HAIKU]: { quotas: QUOTAS } },
        sealing: { maxWaitSeconds: 4, deadlineLeadSeconds: 10 },
      },
    },
    path.join(dir, "stack.log"),
  );
  const endpoints = await stack.start();
  if (endpoints.lambdaLimits) progress(`lambda limits: ${lambdaLimitsText(endpoints.lambdaLimits)}`);
  const clients = clientsOf(endpoints);
  const kills = new Map<ServiceName, number>(serviceNames.map((s) => [s, 0]));
  let restart: { at: number; downSeconds: number } | undefined;
  try {
    const feed = await TopicFeed.subscribed(clients.sns, clients.sqs, "ChaosOutcomes", [
      endpoints.topics.Summaries ?? "",
    ]);
    const calls = generateCalls({
      count: options.calls,
      seed: options.seed,
      broken: Math.ceil(options.calls / 200),
    });
    const ids = calls.map((call) => call.transcriptId);
    const messages = calls.map((call) => JSON.stringify(toSubmittedEvent(call)));
    const callOfBody = new Map(messages.map((body, i) => [body, ids[i] ?? ""]));
    const published = new Set(ids);
    await publishInBatches(clients.sns, endpoints.topics.Transcripts ?? "", messages);
    progress(`published ${ids.length} calls`);

    const ledger = new OutcomeLedger();
    const hear = async (event: Envelope) => {
      const call = ledger.callOf(event);
      if (published.has(call) || event.type !== "transcript.rejected") return ledger.add(event);
      ledger.add(event, (await rejectedCall(clients.s3, event, callOfBody).catch(() => undefined)) ?? call);
    };
    const victim = seededRandom(`${options.seed} victims`);
    const round: ServiceName[] = [];
    let nextKill = Date.now() + options.killEverySeconds * 1000 * (1 + victim());
    let lastProgress = Date.now();
    let lastEnded = 0;
    let lastLine = 0;
    for (;;) {
      const events = await feed.receive().catch(() => sleep(500).then(() => []));
      for (const event of events) await hear(event);
      const { ended } = ledger.figures();
      if (ended > lastEnded) [lastEnded, lastProgress] = [ended, Date.now()];
      if (ended === ids.length && (await jobsOf(clients.bedrock).catch(() => undefined))?.active === 0) break;
      if (Date.now() - lastProgress > options.stallSeconds * 1000) break;

      if (!restart && ended >= ids.length * options.restartAtShare) {
        const down = Date.now();
        await stack.killAll();
        progress(`whole stack SIGKILLed at ${ended} calls ended; restarting on its state`);
        await stack.start();
        restart = { at: ended, downSeconds: (Date.now() - down) / 1000 };
        lastProgress = Date.now();
      } else if (Date.now() >= nextKill) {
        // Services in a fresh random order each round: random victims, and every service hit within five kills.
        if (round.length === 0) round.push(...[...serviceNames].sort(() => victim() - 0.5));
        const service = round.shift() ?? "ingest-normalizer";
        await stack.killWorker(service);
        kills.set(service, (kills.get(service) ?? 0) + 1);
        nextKill = Date.now() + options.killEverySeconds * 1000 * (1 + victim());
      }
      if (Date.now() - lastLine > 10_000) {
        lastLine = Date.now();
        progress(`${ended} of ${ids.length} calls ended; ${sum(kills)} workers killed`);
      }
    }
    // Late copies of an outcome arrive within seconds of the last one: hear them too.
    const settle = Date.now() + 5_000;
    while (Date.now() < settle) for (const event of await feed.receive()) await hear(event);
    return figuresOf({
      options,
      published: ids,
      ledger,
      jobs: await jobsOf(clients.bedrock),
      parked: await parkedMessages(clients.sqs, endpoints),
      kills,
      restart,
      wallSeconds: (Date.now() - started) / 1000,
    });
  } finally {
    for (const client of Object.values(clients)) client.destroy();
    await stack.stop().catch(() => stack.killAll());
    if (!options.keepDir) await rm(dir, { recursive: true, force: true });
  }
}

function clientsOf(endpoints: Endpoints) {
  const config = { region: endpoints.region, credentials: endpoints.credentials };
  return {
    sns: new SNSClient({ ...config, endpoint: endpoints.endpoint }),
    sqs: new SQSClient({ ...config, endpoint: endpoints.endpoint }),
    bedrock: new BedrockClient({ ...config, endpoint: endpoints.bedrockEndpoint }),
    s3: new S3Client({ ...config, endpoint: endpoints.endpoint, forcePathStyle: true }),
  };
}

function sum(counts: Map<unknown, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}
