import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { SNSClient } from "@aws-sdk/client-sns";
import { publishTranscript } from "@recap/client";
import { SNS_MAX_BATCH_ENTRIES, type TranscriptFormat, transcriptFormatSchema } from "@recap/shared";
import cliProgress from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import { publishInBatches } from "../publish-batches.ts";
import { onTarget, printJson, type TargetFlags, withJson, withTarget } from "./options.ts";
import { transcriptContentOf } from "./transcript-content.ts";
import { inputFiles, transcriptIdOf } from "./transcript-files.ts";

export function registerPublish(program: Command): void {
  withJson(
    withTarget(
      program
        .command("publish")
        .description(
          "publish transcripts (any supported format) as transcript.submitted events: inline when small, by S3 reference (raw/ in the Store bucket) when big. A directory is read recursively; a quoted glob is expanded; a .jsonl file holds events (as `recap generate` writes them), published as written",
        )
        .argument("<paths...>", "transcript files, directories or globs, e.g. calls/ 'exports/**/*.vtt'")
        .option(
          "--format <name>",
          `the files' format, one of ${transcriptFormatSchema.options.join(", ")}`,
          formatOf,
          "auto",
        )
        .option("--profile <name>", "the summary profile (recap.config.ts)", "default")
        .option("--language <bcp47>", "the calls' language, when the files do not say")
        .option(
          "--metadata <key=value>",
          "metadata on every call, for subscribers' filters (repeatable)",
          pair,
          {},
        )
        .option("--concurrency <n>", "publishes at once", (v) => Math.max(1, Number.parseInt(v, 10) || 1), 8),
    ),
  ).action(publish);
}

interface PublishOptions extends TargetFlags {
  format: TranscriptFormat;
  profile: string;
  language?: string;
  metadata?: Record<string, string>;
  concurrency: number;
  json?: boolean;
}

async function publish(paths: string[], options: PublishOptions): Promise<void> {
  const files = await inputFiles(paths);
  const tally = { inline: 0, reference: 0, events: 0 };
  const target = await onTarget(options, async (target, { sns, s3 }) => {
    const bar = progressBar(files.transcripts.length, options.json);
    try {
      for (const file of files.eventFiles)
        tally.events += await publishEventFile(sns, target.topics.Transcripts, file);
      const queue = [...files.transcripts];
      const worker = async () => {
        for (let file = queue.shift(); file; file = queue.shift()) {
          const { by } = await publishTranscript(
            { sns, topicArn: target.topics.Transcripts, store: { s3, bucket: target.bucket } },
            {
              transcriptId: transcriptIdOf(file),
              content: await transcriptContentOf(file),
              format: options.format,
              profile: options.profile,
              ...(options.language ? { language: options.language } : {}),
              metadata: options.metadata ?? {},
            },
          );
          tally[by] += 1;
          bar.increment();
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
    } finally {
      bar.stop();
    }
    return target;
  });
  const result = { transcripts: tally.inline + tally.reference, ...tally, topic: target.topics.Transcripts };
  if (options.json) return printJson(result);
  console.log(
    `published ${result.transcripts} transcripts (${tally.inline} inline, ${tally.reference} by reference)${tally.events ? ` and ${tally.events} events` : ""} to ${target.label}'s Transcripts topic`,
  );
}

/** A file of events, one a line, published as written: streamed, ten lines at a time, packed under SNS's limits. */
async function publishEventFile(sns: SNSClient, topicArn: string, file: string): Promise<number> {
  let batch: string[] = [];
  let published = 0;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line.trim() === "") continue;
    batch.push(line);
    if (batch.length === SNS_MAX_BATCH_ENTRIES) {
      await publishInBatches(sns, topicArn, batch);
      published += batch.length;
      batch = [];
    }
  }
  await publishInBatches(sns, topicArn, batch);
  return published + batch.length;
}

/** A bar on a terminal's stderr (stdout stays for the result); nothing when piped or with --json. */
function progressBar(total: number, quiet = false) {
  if (quiet || !process.stderr.isTTY || total === 0) return { increment: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: " publishing |{bar}| {value}/{total} transcripts", stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

function formatOf(value: string): TranscriptFormat {
  const format = transcriptFormatSchema.safeParse(value);
  if (!format.success)
    throw new InvalidArgumentError(
      `one of ${transcriptFormatSchema.options.join(", ")} is wanted, not "${value}"`,
    );
  return format.data;
}

function pair(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf("=");
  if (at < 1) throw new InvalidArgumentError(`key=value is wanted, not "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}
