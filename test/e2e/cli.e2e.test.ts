import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import type { Envelope } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningCli, runRecap, startRecap } from "../support/recap-cli.ts";
import { Tap } from "../support/tap.ts";
import { scratchRoot, startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * Every `recap` subcommand that acts on a stack, run as a user runs them (their own processes, `--json`
 * read back), against one real local stack: generate, publish (a folder, a big file), watch with filters,
 * status, jobs list/show/stop on a job that is running, report, dlq list/show/redrive, eval --truth.
 */
const DEFAULT_CALLS = 120;
const NOTEBOOK_CALLS = 12;
const BROKEN = 3;
const OUTCOMES = new Set(["summary.ready", "summary.failed", "transcript.rejected"]);

let env: TestStack;
let work: string;
let tap: Tap;
let dir: string;
const ended = new Map<string, Envelope>();

beforeAll(async () => {
  // Shards are given time to fill past the 100-record minimum, so the default calls make one batch job; the
  // local Bedrock runs that first job 50 times slower, so it is still running when the test stops it.
  env = await startTestStack({
    bedrockTiming: { scale: 0.05 },
    tickEverySeconds: 1,
    config: { sealing: { maxWaitSeconds: 8, deadlineLeadSeconds: 10 } },
  });
  dir = env.dir;
  work = await mkdtemp(path.join(scratchRoot(), "recap-cli-"));
  tap = await Tap.on(env, [env.stack.endpoints.topics.Summaries ?? ""]);
  await fetch(`${env.stack.endpoints.bedrockEndpoint}/_recap/faults`, {
    method: "POST",
    body: JSON.stringify({ slowJobs: { count: 1, factor: 50 } }),
  });
}, 60_000);
afterAll(async () => {
  await env?.stop();
  await rm(work, { recursive: true, force: true });
});

/** A command on the test stack, its JSON read back; `generate` acts on no stack. */
const recap = async (...args: string[]) => {
  const run = await runRecap([...args, ...(args[0] === "generate" ? [] : ["--dir", dir]), "--json"]);
  expect(run.code, `recap ${args.join(" ")}: ${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout);
};

/** Drains the tap until every given transcript has an outcome. */
async function untilEnded(ids: readonly string[], withinMs = 150_000): Promise<void> {
  await tap.until(() => {
    for (const event of tap.events.splice(0)) {
      const id = (event.data as { transcriptId?: string }).transcriptId;
      if (id && OUTCOMES.has(event.type) && !ended.has(id)) ended.set(id, event);
    }
    return ids.every((id) => ended.has(id));
  }, withinMs);
}

describe("recap against a running local stack", () => {
  let defaultIds: string[];
  let notebookIds: string[];
  let notebookWatch: RunningCli;
  let rejectedWatch: RunningCli;

  test("generate writes a set; publish sends a folder (skipping truth, manifest and events) and a big file by reference", {
    timeout: 60_000,
  }, async () => {
    const calls = path.join(work, "calls");
    const written = await recap(
      "generate",
      "--calls",
      String(DEFAULT_CALLS),
      "--broken",
      String(BROKEN),
      "--seed",
      "cli",
      "--out",
      calls,
    );
    expect(written).toMatchObject({ calls: DEFAULT_CALLS, broken: BROKEN, out: calls });
    const notebook = path.join(work, "notebook");
    await recap("generate", "--calls", String(NOTEBOOK_CALLS), "--seed", "cli-notebook", "--out", notebook);
    defaultIds = generateCalls({ count: DEFAULT_CALLS, seed: "cli", broken: BROKEN }).map(
      (c) => c.transcriptId,
    );
    notebookIds = generateCalls({ count: NOTEBOOK_CALLS, seed: "cli-notebook" }).map((c) => c.transcriptId);

    notebookWatch = startRecap(["watch", "--dir", dir, "--json", "--filter", "profile=notebook"]);
    rejectedWatch = startRecap(["watch", "--dir", dir, "--json", "--type", "transcript.rejected"]);
    await Promise.all([notebookWatch.printed("watching"), rejectedWatch.printed("watching")]);

    expect(await recap("publish", calls)).toMatchObject({
      transcripts: DEFAULT_CALLS,
      inline: DEFAULT_CALLS,
      reference: 0,
      events: 0,
    });
    expect(await recap("publish", path.join(notebook, "*.*"), "--profile", "notebook")).toMatchObject({
      transcripts: NOTEBOOK_CALLS,
    });
    const big = path.join(work, "big call.txt");
    await writeFile(
      big,
      Array.from({ length: 8_000 }, (_, i) => `Agent: line ${i} of a very long call.`).join("\n"),
    );
    expect(await recap("publish", big, "--metadata", "callCenter=cli-test")).toMatchObject({
      transcripts: 1,
      reference: 1,
    });
  });

  test("jobs list shows Recap's running job; jobs stop stops it, and its records still end", {
    timeout: 200_000,
  }, async () => {
    let running: { jobName: string; status: string } | undefined;
    for (const deadline = Date.now() + 90_000; !running && Date.now() < deadline; ) {
      const { jobs } = await recap("jobs", "list");
      running = jobs.find((job: { status: string }) => ["Scheduled", "InProgress"].includes(job.status));
      if (!running) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(running, "a batch job reached Scheduled or InProgress").toBeDefined();
    const jobName = running?.jobName ?? "";
    const stopped = await recap("jobs", "stop", jobName);
    expect(stopped.jobName).toBe(jobName);
    expect(["Stopping", "Stopped"]).toContain(stopped.status);

    await untilEnded([...defaultIds, ...notebookIds, "big-call"]);
    const shown = await recap("jobs", "show", jobName.replace(/^recap-local-/, ""));
    expect(shown.job.status).toBe("Stopped");
    // Harvested: what it had answered is summarized, the rest went back for another attempt.
    expect(shown.report).toMatchObject({ status: "Stopped", kind: "batch" });
    expect(
      shown.report.records.summarized + shown.report.records.retrying + shown.report.records.failed,
    ).toBe(shown.report.records.total);
    const outcomes = [...ended.values()];
    expect(outcomes.filter((e) => e.type === "transcript.rejected")).toHaveLength(BROKEN);
    expect(outcomes.filter((e) => e.type === "summary.ready").length).toBe(
      DEFAULT_CALLS - BROKEN + NOTEBOOK_CALLS + 1,
    );
  });

  test("watch --filter received exactly the matching outcomes", { timeout: 30_000 }, async () => {
    notebookWatch.child.kill("SIGINT");
    rejectedWatch.child.kill("SIGINT");
    const [notebook, rejected] = await Promise.all([notebookWatch.exited, rejectedWatch.exited]);
    expect(notebook.code, notebook.stderr).toBe(0);
    const lines = (run: { stdout: string }) =>
      run.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Envelope);
    const notebookEvents = lines(notebook);
    expect(new Set(notebookEvents.map((e) => (e.data as { transcriptId: string }).transcriptId))).toEqual(
      new Set(notebookIds),
    );
    expect(
      notebookEvents.every(
        (e) => e.type === "summary.ready" && (e.data as { profile: string }).profile === "notebook",
      ),
    ).toBe(true);
    const rejectedEvents = lines(rejected);
    expect(new Set(rejectedEvents.map((e) => e.id)).size).toBe(BROKEN);
    expect(rejectedEvents.every((e) => e.type === "transcript.rejected")).toBe(true);
  });

  test("status and report add up to what ran", { timeout: 30_000 }, async () => {
    const status = await recap("status");
    expect(Object.keys(status.queues).sort()).toEqual([
      "ingest-normalizer",
      "job-submitter",
      "result-publisher",
      "shard-builder",
      "status-watcher",
    ]);
    const haiku = "anthropic.claude-3-haiku-20240307-v1:0";
    expect(status.jobs[haiku]?.Stopped).toBe(1);
    expect(status.slots[haiku]).toMatchObject({ used: 0, quotaFrom: "account" });
    expect(status.slots[haiku].quota).toBeGreaterThan(0);
    expect(status.shardsWaiting[haiku]).toEqual({ shards: 0, records: 0 });

    const report = await recap("report", "--since", "1h");
    const rows = report.rows as Array<{
      profile: string;
      summarized: number;
      cost: number;
      onDemandCost: number;
    }>;
    const summarized = (profile: string) =>
      rows.filter((r) => r.profile === profile).reduce((n, r) => n + r.summarized, 0);
    expect(summarized("default")).toBe(DEFAULT_CALLS - BROKEN + 1);
    expect(summarized("notebook")).toBe(NOTEBOOK_CALLS);
    for (const row of rows) expect(row.cost).toBeLessThanOrEqual(row.onDemandCost);
    expect((await recap("report", "--until", "2000-01-01T00:00:00Z")).rows).toEqual([]);
  });

  test("dlq list and show find parked messages; redrive puts them back and they are processed", {
    timeout: 90_000,
  }, async () => {
    const { queues } = env.stack.endpoints;
    const [call] = generateCalls({ count: 1, seed: "cli-parked" });
    if (!call) throw new Error("no call generated");
    const parkedEvent = JSON.stringify(toSubmittedEvent(call));
    await env.sqs.send(
      new SendMessageCommand({ QueueUrl: queues.IngestNormalizerDeadLetters, MessageBody: parkedEvent }),
    );
    await env.sqs.send(
      new SendMessageCommand({ QueueUrl: queues.ShardBuilderDeadLetters, MessageBody: "not an event" }),
    );

    const listed = await recap("dlq", "list");
    expect(listed["ingest-normalizer"]).toHaveLength(1);
    expect(listed["ingest-normalizer"][0].event).toMatchObject({
      type: "transcript.submitted",
      correlationId: call.transcriptId,
    });
    // A tick that timed out five times on a loaded machine is parked there too, rightly: contain, not equal.
    expect(listed["shard-builder"].map((m: { body: string }) => m.body)).toContain("not an event");
    expect((await recap("status")).queues["ingest-normalizer"].deadLetters).toBe(1);

    const shown = await recap("dlq", "show", "ingest-normalizer", listed["ingest-normalizer"][0].messageId);
    expect(shown.body).toBe(parkedEvent);

    expect(await recap("dlq", "redrive", "ingest-normalizer")).toEqual({
      service: "ingest-normalizer",
      moved: 1,
    });
    await untilEnded([call.transcriptId], 90_000);
    expect(ended.get(call.transcriptId)?.type).toBe("summary.ready");
    const after = await recap("dlq", "list", "ingest-normalizer");
    expect(after["ingest-normalizer"]).toEqual([]);
  });

  test("eval --truth scores the summaries of the published generated calls", {
    timeout: 60_000,
  }, async () => {
    const report = await recap("eval", "--truth", path.join(work, "calls"));
    expect(report.labelled).toBe(DEFAULT_CALLS - BROKEN);
    expect(report.missing.count).toBe(0);
    for (const field of ["resolution", "sentiment"]) {
      expect(report.fields[field].scored).toBe(DEFAULT_CALLS - BROKEN);
      expect(report.fields[field].agreement).toBeGreaterThanOrEqual(0.8);
    }
  });
});
