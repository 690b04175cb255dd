import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { GeneratedCall } from "@recap/call-generator/call-types";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { reportText } from "../demo/demo-report.ts";
import { DemoTally } from "../demo/demo-tally.ts";
import { lambdaLimitsText } from "../lambda-limits/limits-text.ts";
import { publishInBatches } from "../publish-batches.ts";
import { startLocalStack } from "../stack.ts";
import { TopicFeed } from "../topic-feed.ts";
import { nonNegativeNumber, wholeNumber, withJson } from "./options.ts";

export function registerDemo(program: Command): void {
  withJson(
    program
      .command("demo")
      .description(
        "what `npm start` runs: a local stack, generated calls published as a producer would, live progress by stage, then a report (outcomes by reason, jobs, tokens, cost against on-demand)",
      )
      .option("--calls <n>", "how many calls (the public reference data set's size)", wholeNumber(1), 1100)
      .option(
        "--broken <n>",
        "how many of them are deliberately broken, to show rejections (default 1 %)",
        wholeNumber(0),
      )
      .option("--seed <text>", "the generator's seed: same seed, same calls", "demo")
      .option(
        "--time-scale <x>",
        "how fast the local Bedrock's jobs pass (0.02: 50 times faster than real)",
        nonNegativeNumber,
        0.02,
      )
      .option(
        "--concurrency <n>",
        "instances of every service (a 2-core machine runs fastest with 2; `recap dev` runs the topology's)",
        wholeNumber(1),
        2,
      )
      .option(
        "--lambda-limits",
        "run each worker within its function's Lambda memory and CPU share (Linux cgroups v1, as root), as `recap dev --lambda-limits` does",
      )
      .option(
        "--seal-after <seconds>",
        "seal a shard once its oldest call has waited this long (sealing.maxWaitSeconds)",
        nonNegativeNumber,
        6,
      ),
  ).action(demo);
}

interface DemoOptions {
  calls: number;
  broken?: number;
  seed: string;
  timeScale: number;
  concurrency: number;
  sealAfter: number;
  lambdaLimits?: boolean;
  json?: boolean;
}

/** Past this without a call ending, the demo gives up and says how far it got. */
const STALL_MS = 120_000;

export async function demo(values: DemoOptions): Promise<void> {
  const { calls, timeScale: scale } = values;
  const broken = values.broken ?? Math.floor(calls / 100);
  const say = values.json ? () => {} : (line: string) => console.log(line);

  const started = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), "recap-demo-"));
  const logs: string[] = [];
  const stack = await startLocalStack({
    dir,
    port: 0,
    bedrockTiming: { scale },
    concurrency: values.concurrency,
    ...(values.lambdaLimits ? { lambdaLimits: true } : {}),
    // Long enough for the published calls to fill shards past the job minimum, so the demo shows batch jobs
    // rather than on-demand tails; short enough for a demo.
    config: { sealing: { maxWaitSeconds: values.sealAfter } },
    log: (service, line) => logs.push(`${service} ${line}`),
  });
  const { region, endpoint, credentials, topics } = stack.endpoints;
  const sns = new SNSClient({ region, endpoint, credentials });
  const sqs = new SQSClient({ region, endpoint, credentials });
  try {
    say(`Recap demo: local stack up in ${seconds(started)} s (no AWS account; state in ${dir}).`);
    if (stack.endpoints.lambdaLimits)
      say(`Lambda limits: ${lambdaLimitsText(stack.endpoints.lambdaLimits)}.`);
    say(
      `Batch jobs are compressed in time: the local Bedrock runs them ${scale > 0 ? `${Math.round(1 / scale)} times` : "as much as it can"} faster than Bedrock would (--time-scale).`,
    );
    const feed = await TopicFeed.subscribed(sns, sqs, "RecapDemoFeed", [
      topics.Pipeline ?? "",
      topics.Summaries ?? "",
    ]);
    const generated = generateCalls({ count: calls, seed: values.seed, broken });
    say(
      `Publishing ${calls.toLocaleString("en-US")} generated calls in mixed formats (${broken} deliberately broken) to the Transcripts topic.`,
    );
    await publishInBatches(
      sns,
      topics.Transcripts ?? "",
      generated.map((call) => JSON.stringify(toSubmittedEvent(call))),
    );

    const tally = new DemoTally();
    const progress = progressView(calls, values.json);
    let lastEnded = 0;
    let lastChange = Date.now();
    // Until every call ended and every finished job's report (tokens, cost) is in.
    while (tally.ended() < calls || tally.unreported() > 0) {
      for (const event of await feed.receive()) tally.add(event);
      progress.update(tally);
      const moved = tally.ended() + tally.unreported() * calls;
      if (moved !== lastEnded) [lastEnded, lastChange] = [moved, Date.now()];
      if (Date.now() - lastChange > STALL_MS) {
        progress.stop();
        throw new Error(
          `${tally.ended()} of ${calls} calls ended, none in the last ${STALL_MS / 1000} s; last worker lines:\n${logs.slice(-15).join("\n")}`,
        );
      }
    }
    progress.stop();
    const wall = (performance.now() - started) / 1_000;
    const summary = tally.summary();
    if (values.json) {
      console.log(
        JSON.stringify({ calls, seconds: wall, ...summary, bucket: stack.endpoints.bucket }, null, 2),
      );
      return;
    }
    say(reportText(summary, calls, wall));
    say(
      `Summaries are stored at s3://${stack.endpoints.bucket}/summaries/<transcriptId>/<version>/<profile>.json`,
    );
    say(example(tally, generated));
    say(
      `Every call ended as a summary or an explained failure. Next: \`npx recap dev\` keeps a stack running.`,
    );
  } finally {
    sns.destroy();
    sqs.destroy();
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Bars on a terminal (cli-progress: redraws in place, several at once); a line every few seconds elsewhere. */
function progressView(calls: number, quiet = false) {
  if (quiet) return { update: (_: DemoTally) => {}, stop: () => {} };
  const slots = (tally: DemoTally) =>
    [...tally.activeJobs()]
      .map(([model, n]) => `${model.split(".")[1]?.split("-v")[0] ?? model} ${n}`)
      .join(", ") || "none";
  if (!process.stdout.isTTY) {
    let next = 0;
    return {
      update(tally: DemoTally) {
        if (Date.now() < next) return;
        next = Date.now() + 3_000;
        const s = tally.stages();
        console.log(
          `  normalized ${s.normalized}, in shards ${s.sharded}, in batch jobs ${s.inJobs}, ended ${s.ended} of ${calls}; jobs running: ${slots(tally)}`,
        );
      },
      stop: () => {},
    };
  }
  const bars = new cliProgress.MultiBar(
    { format: " {stage} |{bar}| {value}/{total} {note}", hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const rows = {
    normalized: bars.create(calls, 0, { stage: "normalized    ", note: "" }),
    sharded: bars.create(calls, 0, { stage: "in a shard    ", note: "" }),
    inJobs: bars.create(calls, 0, { stage: "in a batch job", note: "" }),
    ended: bars.create(calls, 0, { stage: "ended         ", note: "" }),
  };
  return {
    update(tally: DemoTally) {
      const s = tally.stages();
      rows.normalized.update(Math.min(s.normalized, calls));
      rows.sharded.update(Math.min(s.sharded, calls));
      rows.inJobs.update(Math.min(s.inJobs, calls), { note: `jobs running: ${slots(tally)}` });
      rows.ended.update(Math.min(s.ended, calls));
    },
    stop: () => bars.stop(),
  };
}

/** One summary beside its transcript's first lines: what Recap made of a call. */
function example(tally: DemoTally, generated: GeneratedCall[]): string {
  // A format a person reads at a glance (the JSON formats' first lines are envelopes, not speech).
  const readable = new Set(["plain-text", "srt", "webvtt"]);
  const formatOf = new Map(generated.map((c) => [c.transcriptId, c.format]));
  const event = tally.someSummary((id) => readable.has(String(formatOf.get(id))));
  if (!event) return "";
  const data = event.data as { transcriptId: string; summary?: unknown };
  const call = generated.find((c) => c.transcriptId === data.transcriptId);
  const firstLines = (call?.content ?? "")
    .split("\n")
    .filter((line) => line.trim())
    .slice(0, 5)
    .map((line) => `    ${line.slice(0, 110)}`)
    .join("\n");
  return `Example: ${data.transcriptId} (${call?.format ?? "?"}), first lines as published:\n${firstLines}\n  its summary:\n${JSON.stringify(
    data.summary,
    null,
    2,
  )
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n")}`;
}

const seconds = (since: number) => ((performance.now() - since) / 1_000).toFixed(1);
