import { SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { publishInBatches } from "@recap/local/publish-batches";
import { anySummarySchema, callSummarySchema, type Envelope, proseSummarySchema } from "@recap/shared";
import { afterEach, describe, expect, test } from "vitest";
import { bedrockClientFor, isTerminal, listAllJobs } from "../support/bedrock-jobs.ts";
import { readText } from "../support/s3-text.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * Issues 8 and 10's proof: 2,000 generated calls through all five stages on the local stack, three instances
 * each, with every fault at once (below). Workers killed mid-flight are chaos.e2e.test.ts's part. Read as a
 * user reads it: the Summaries topic, the stored summaries, Bedrock's own job list.
 */
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const NOVA = "amazon.nova-lite-v1:0";
const QUOTAS = { minRecordsPerJob: 100, maxRecordsPerJob: 500, maxRecordsPerFile: 500, maxActiveJobs: 2 };
const CALLS = 2_000;
/** Calls summarized with the reference notebook's prose prompt; a user's filtered subscription hears only them. */
const NOTEBOOK_CALLS = 200;
/** Too few for a batch job: an on-demand tail. */
const NOVA_CALLS = 30;

let env: TestStack | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

const unitOf = (d: Record<string, unknown>) =>
  `${String(d.transcriptId)}|${String(d.version)}|${String(d.profile)}`;
const profileOf = (i: number) =>
  i < NOVA_CALLS ? "nova-lite" : i < NOVA_CALLS + NOTEBOOK_CALLS ? "notebook" : "default";

async function publishCalls(stack: TestStack): Promise<void> {
  const calls = generateCalls({ count: CALLS, seed: "results", broken: 0 });
  const messages = calls.map((call, i) => {
    const event = toSubmittedEvent(call) as Envelope & { data: Record<string, unknown> };
    return JSON.stringify({ ...event, data: { ...event.data, profile: profileOf(i) } });
  });
  await publishInBatches(stack.sns, stack.stack.endpoints.topics.Transcripts ?? "", messages);
}

/** A user's own queue, subscribed to the Summaries topic with a filter on the profile attribute. */
async function notebookSubscriber(stack: TestStack): Promise<() => Promise<Envelope[]>> {
  const { QueueUrl } = await stack.sqs.send(new CreateQueueCommand({ QueueName: "NotebookSummaries" }));
  const { Attributes } = await stack.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  await stack.sns.send(
    new SubscribeCommand({
      TopicArn: stack.stack.endpoints.topics.Summaries,
      Protocol: "sqs",
      Endpoint: Attributes?.QueueArn,
      Attributes: {
        RawMessageDelivery: "true",
        FilterPolicy: JSON.stringify({ type: ["summary.ready"], profile: ["notebook"] }),
      },
    }),
  );
  const seen: Envelope[] = [];
  return async () => {
    for (;;) {
      const { Messages = [] } = await stack.sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return seen;
      for (const m of Messages) seen.push(JSON.parse(m.Body ?? "{}") as Envelope);
    }
  };
}

/** Messages parked in each stage's dead-letter queue, for a failure's message. */
async function deadLetters(stack: TestStack): Promise<string> {
  const depths: string[] = [];
  for (const [name, QueueUrl] of Object.entries(stack.stack.endpoints.queues)) {
    if (!name.endsWith("DeadLetters")) continue;
    const { Attributes } = await stack.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    depths.push(`${name} ${Attributes?.ApproximateNumberOfMessages}`);
  }
  return depths.join(", ");
}

/**
 * Every fault the local Bedrock has, at once, and an S3 that answers 5% of the workers' requests 500 or 503.
 * 72 emulated hours (the jobs' timeoutDurationInHours) last 21.6 s, so the job slowed a hundredfold passes its
 * timeout on the clock and ends Expired, as on Bedrock; the one slowed fivefold still finishes.
 */
const EVERY_FAULT = [
  {
    recordErrorRate: 0.05,
    partialJobs: { count: 1, unprocessed: 0.2 },
    expireJobs: 1,
    failJobs: 1,
    failAllRecordsJobs: 1,
    refuseCreates: 3,
    throttleCalls: 4,
    dropEventRate: 0.1,
    slowJobs: { count: 1, factor: 100 },
  },
  { slowJobs: { count: 1, factor: 5 } },
];

async function runResults() {
  env = await startTestStack({
    concurrency: 3,
    // Each worker within its Lambda's memory and CPU share where cgroups allow; unlimited, and said, elsewhere.
    lambdaLimits: true,
    visibilityTimeoutSeconds: 10,
    tickEverySeconds: 1,
    bedrockTiming: { scale: 0.05, hourMs: 300 },
    s3ErrorRate: 0.05,
    // A fifth of BatchGetItem keys come back unprocessed, as AWS may answer any of them.
    unprocessedKeysRate: 0.2,
    config: {
      models: { [HAIKU]: { quotas: QUOTAS }, [NOVA]: { quotas: QUOTAS } },
      sealing: { maxWaitSeconds: 4, deadlineLeadSeconds: 10 },
    },
  });
  const stack = env;
  for (const faults of EVERY_FAULT)
    await fetch(`${stack.stack.endpoints.bedrockEndpoint}/_recap/faults`, {
      method: "POST",
      body: JSON.stringify(faults),
    });
  const tap = await Tap.on(stack, [
    stack.stack.endpoints.topics.Pipeline ?? "",
    stack.stack.endpoints.topics.Summaries ?? "",
  ]);
  const notebook = await notebookSubscriber(stack);
  const bedrock = bedrockClientFor(stack.stack.endpoints);
  try {
    await publishCalls(stack);
    const outcomes = () => [...tap.ofType("summary.ready"), ...tap.ofType("summary.failed")];
    const deadline = Date.now() + 360_000;
    for (;;) {
      const units = new Set(tap.ofType("transcript.normalized").map((e) => unitOf(e.data as never)));
      const ended = new Set(outcomes().map((e) => unitOf(e.data as never)));
      if (units.size === CALLS && ended.size === CALLS && (await listAllJobs(bedrock)).every(isTerminal))
        break;
      if (Date.now() > deadline)
        throw new Error(
          `${ended.size} of ${CALLS} calls ended; dead letters: ${await deadLetters(stack)}; logs:\n${stack.logs
            .filter((l) => !/exited \(SIGKILL\)/.test(l))
            .slice(-30)
            .join("\n")}`,
        );
      await tap.drain();
    }
    // Late duplicates, if any, arrive within a few seconds of the last outcome: wait for them too.
    const settle = Date.now() + 5_000;
    while (Date.now() < settle) await tap.drain();
    return { stack, tap, notebook: await notebook(), jobs: await listAllJobs(bedrock) };
  } finally {
    bedrock.destroy();
  }
}

async function expectResults(run: Awaited<ReturnType<typeof runResults>>) {
  const { stack, tap, notebook, jobs } = run;
  expect(stack.stack.unprocessedKeys(), "BatchGetItem keys left unprocessed").toBeGreaterThan(0);

  // Exactly one outcome per unit of work: copies of one event may be redelivered, distinct events may not.
  const outcomeIds = new Map<string, Set<string>>();
  for (const event of [...tap.ofType("summary.ready"), ...tap.ofType("summary.failed")]) {
    const unit = unitOf(event.data as never);
    outcomeIds.set(unit, (outcomeIds.get(unit) ?? new Set()).add(event.id));
  }
  expect(outcomeIds.size).toBe(CALLS);
  const doubled = [...outcomeIds].filter(([, ids]) => ids.size > 1).map(([unit]) => unit);
  expect(doubled, "units with two distinct outcome events").toEqual([]);
  const copies = tap.ofType("summary.ready").length + tap.ofType("summary.failed").length - CALLS;
  console.info(`${CALLS} calls ended once each; ${copies} redelivered copies of an outcome event (same id)`);

  // Every batch job followed to its end, announced once.
  const finishedIds = new Map<string, Set<string>>();
  for (const event of tap.ofType("job.finished")) {
    const arn = String((event.data as { jobArn: string }).jobArn);
    finishedIds.set(arn, (finishedIds.get(arn) ?? new Set()).add(event.id));
  }
  for (const job of jobs) expect(finishedIds.get(String(job.jobArn))?.size, String(job.jobName)).toBe(1);
  // The injected faults showed in Bedrock's own job list, and per-record errors in Completed jobs.
  // A slow machine may run another job past its timeout too: at least the injected ones, then.
  const statuses = jobs.map((j) => String(j.status));
  const count = (status: string) => statuses.filter((s) => s === status).length;
  expect(count("Failed"), "Failed").toBe(1);
  expect(count("PartiallyCompleted"), "PartiallyCompleted").toBeGreaterThanOrEqual(1);
  // One expired by the fault, one by its clock passing timeoutDurationInHours.
  expect(count("Expired"), "Expired").toBeGreaterThanOrEqual(2);
  expect(jobs.some((j) => j.status === "Completed" && Number(j.errorRecordCount) > 0)).toBe(true);
  const everyRecordFailed = jobs.filter(
    (j) => j.status === "Completed" && Number(j.successRecordCount) === 0 && Number(j.errorRecordCount) > 0,
  );
  expect(everyRecordFailed, "a job Completed with every record failed").toHaveLength(1);

  // Failed records were retried with a new attempt and recordId, and the retries came back.
  const retries = tap.ofType("record.retrying").map((e) => e.data as { unit: { attempt: number } });
  expect(retries.length).toBeGreaterThan(0);
  expect(retries.every((r) => r.unit.attempt >= 2)).toBe(true);
  const ready = tap
    .ofType("summary.ready")
    .map((e) => e.data as Record<string, unknown> & { summaryUri: string });
  expect(ready.some((d) => Number(d.attempt) >= 2)).toBe(true);

  // Each summary is stored where its event says, valid for its profile, and carries its model and cost.
  for (const data of ready.filter((_, i) => i % 25 === 0)) {
    const stored = JSON.parse(await readText(stack.s3, data.summaryUri)) as Record<string, unknown>;
    expect(stored.summary).toEqual(data.summary);
    expect(stored.transcriptId).toBe(data.transcriptId);
    const schema = data.profile === "notebook" ? proseSummarySchema : callSummarySchema;
    expect(schema.safeParse(stored.summary).success, JSON.stringify(stored.summary)).toBe(true);
    expect(Number(data.costUsd)).toBeGreaterThan(0);
  }
  expect(ready.every((d) => anySummarySchema.safeParse(d.summary).success)).toBe(true);

  // The user's filtered subscription heard the notebook summaries and nothing else.
  const notebookUnits = new Set(ready.filter((d) => d.profile === "notebook").map(unitOf));
  expect(new Set(notebook.map((e) => unitOf(e.data as never)))).toEqual(notebookUnits);
  expect(notebookUnits.size).toBeGreaterThan(NOTEBOOK_CALLS * 0.9);

  // Each harvested job is reported once per shard; the manifest's tokens agree with the records'.
  const reports = new Map<string, Record<string, never>>();
  for (const event of tap.ofType("job.reported"))
    reports.set(String((event.data as { shardId: string }).shardId), event.data as never);
  for (const finished of tap.ofType("job.finished")) {
    const shardId = String((finished.data as { shardId: string }).shardId);
    expect(reports.has(shardId), shardId).toBe(true);
  }
  // A job whose every record was summarized: its report's record tokens are the sum over its summaries.
  const usageByShard = new Map<string, { input: number; output: number }>();
  for (const data of new Map(tap.ofType("summary.ready").map((e) => [e.id, e.data])).values()) {
    const { shardId, usage } = data as {
      shardId: string;
      usage: { inputTokens: number; outputTokens: number };
    };
    const sum = usageByShard.get(shardId) ?? { input: 0, output: 0 };
    usageByShard.set(shardId, {
      input: sum.input + usage.inputTokens,
      output: sum.output + usage.outputTokens,
    });
  }
  let allSummarized = 0;
  for (const [shardId, report] of reports) {
    const { records, tokens } = report as unknown as {
      records: { total: number; summarized: number };
      tokens: { records: { input: number; output: number } };
    };
    if (records.summarized !== records.total) continue;
    allSummarized++;
    expect(usageByShard.get(shardId), shardId).toEqual(tokens.records);
  }
  expect(allSummarized).toBeGreaterThan(0);
  let saving = 0;
  for (const report of reports.values()) {
    const { tokens, cost, kind } = report as unknown as {
      tokens: { agree?: boolean; manifest?: unknown };
      cost: { actual: number; onDemand: number; saving: number };
      kind: string;
    };
    if (tokens.manifest) expect(tokens.agree).toBe(true);
    // Batch is half the on-demand price; a job that failed before any output cost nothing at all.
    if (kind === "batch") expect(cost.onDemand).toBeCloseTo(2 * cost.actual, 4);
    expect(cost.saving).toBeCloseTo(cost.onDemand - cost.actual, 6);
    saving += cost.saving;
  }
  expect(saving).toBeGreaterThan(0);
}

describe("summaries out: every call ends once, as a summary or an explained failure", () => {
  test("with every Bedrock fault at once, a flaky S3 and BatchGetItem keys left unprocessed", {
    timeout: 420_000,
  }, async () => {
    await expectResults(await runResults());
  });
});
