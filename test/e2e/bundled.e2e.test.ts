import { readFile } from "node:fs/promises";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { publishInBatches } from "@recap/local/publish-batches";
import { type Envelope, serviceNames } from "@recap/shared";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bedrockClientFor, listAllJobs } from "../support/bedrock-jobs.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * The pipeline on what ships to Lambda: every worker runs its service's esbuild bundle, built as SST
 * builds it, not the TypeScript source. A few dozen calls go in through the real SDK and each must come
 * out summarized by a real batch job, so every service's bundle has run its whole path.
 */
const calls = generateCalls({ count: 36, seed: "bundled" });
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

let env: TestStack;
let tap: Tap;
beforeAll(async () => {
  env = await startTestStack({
    bundled: true,
    // One instance per service: this test is about the code each runs, and 15 processes loading a 2 MB
    // bundle each would spend the test's time starting on two cores.
    concurrency: 1,
    tickEverySeconds: 1,
    bedrockTiming: { scale: 0 },
    // Bedrock's 100-record minimum would send a few dozen calls to on-demand tails; at 1, every shard is a
    // batch job.
    config: { models: { [MODEL]: { quotas: { minRecordsPerJob: 1 } } } },
  });
  tap = await Tap.on(env, [env.stack.endpoints.topics.Summaries ?? ""]);
}, 90_000);
afterAll(() => env?.stop());

test("every worker runs from its bundle", async () => {
  const bundles = env.stack.bundles ?? [];
  expect(bundles.map((bundle) => bundle.service).sort()).toEqual([...serviceNames].sort());
  for (const bundle of bundles) {
    const [pid] = env.stack.workers.pids(bundle.service);
    const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
    expect(argv.slice(argv.indexOf("--bundle")), bundle.service).toEqual(["--bundle", bundle.taskRoot, ""]);
  }
});

test("36 calls published with the SDK each end in summary.ready, summarized by a Bedrock batch job", {
  timeout: 60_000,
}, async () => {
  const messages = calls.map((call) => JSON.stringify(toSubmittedEvent(call)));
  await publishInBatches(env.sns, env.stack.endpoints.topics.Transcripts ?? "", messages);

  const ids = new Set(calls.map((call) => call.transcriptId));
  const outcomeOf = new Map<string, Envelope>();
  await tap.until(() => {
    for (const event of tap.events.splice(0)) {
      const id = (event.data as { transcriptId?: string }).transcriptId ?? event.correlationId;
      if (ids.has(id) && !outcomeOf.has(id)) outcomeOf.set(id, event);
    }
    return outcomeOf.size === ids.size;
  }, 50_000);

  const outcomes = [...outcomeOf.values()];
  expect(outcomes.filter((event) => event.type !== "summary.ready")).toEqual([]);
  const jobArns = new Set(outcomes.map((event) => (event.data as { jobArn: string }).jobArn));
  for (const arn of jobArns) expect(arn).toMatch(/:model-invocation-job\//);

  const bedrock = bedrockClientFor(env.stack.endpoints);
  const jobs = await listAllJobs(bedrock);
  bedrock.destroy();
  const completed = new Set(jobs.filter((job) => job.status === "Completed").map((job) => job.jobArn));
  for (const arn of jobArns) expect(completed.has(arn), arn).toBe(true);
});
