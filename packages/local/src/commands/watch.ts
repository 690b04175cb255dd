import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { subscribeToSummaries } from "@recap/client";
import type { RecapEvent } from "@recap/shared";
import { type Command, InvalidArgumentError } from "commander";
import type { Target } from "../target/target.ts";
import {
  nonNegativeNumber,
  onTarget,
  type TargetFlags,
  wholeNumber,
  withJson,
  withTarget,
} from "./options.ts";

/** The message attributes Summaries events carry (shared/src/events): what SNS can filter on. */
const FILTERABLE = [
  "type",
  "profile",
  "modelId",
  "resolution",
  "sentiment",
  "language",
  "errorCode",
  "reason",
  "tenant",
  "callCenter",
  "queue",
] as const;
const OUTCOMES = ["summary.ready", "summary.failed", "transcript.rejected"];

export function registerWatch(program: Command): void {
  withJson(
    withTarget(
      program
        .command("watch")
        .description(
          "subscribe a queue of its own to the Summaries topic, filtered by SNS on the outcomes' attributes, and print each outcome as it arrives; the queue and subscription go when it stops",
        )
        .option(
          "--filter <key=v1,v2>",
          `only outcomes whose attribute has one of the values (repeatable; keys: ${FILTERABLE.join(", ")})`,
          filterEntry,
        )
        .option("--type <types>", `shorthand for --filter type=…: ${OUTCOMES.join(", ")}`, types)
        .option("--count <n>", "stop after this many outcomes", wholeNumber(1))
        .option("--for <seconds>", "stop after this long", nonNegativeNumber),
    ),
  )
    .addHelpText(
      "after",
      "\nExample: recap watch --filter profile=notebook --filter resolution=unresolved,escalated --json",
    )
    .action(watch);
}

interface WatchOptions extends TargetFlags {
  filter?: Record<string, string[]>;
  type?: string[];
  count?: number;
  for?: number;
  json?: boolean;
}

type Outcome = RecapEvent<"summary.ready"> | RecapEvent<"summary.failed"> | RecapEvent<"transcript.rejected">;

async function watch(options: WatchOptions): Promise<void> {
  await onTarget(options, (target, { sns, sqs }) => watchOn(target, sns, sqs, options));
}

async function watchOn(target: Target, sns: SNSClient, sqs: SQSClient, options: WatchOptions): Promise<void> {
  const filter = { ...options.filter, ...(options.type ? { type: options.type } : {}) };
  let seen = 0;
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const show = (event: Outcome) => {
    if (options.count !== undefined && seen >= options.count) return;
    seen += 1;
    console.log(options.json ? JSON.stringify(event) : lineOf(event));
    if (seen === options.count) finish();
  };
  const subscription = await subscribeToSummaries({
    sns,
    sqs,
    topicArn: target.topics.Summaries,
    ...(Object.keys(filter).length > 0 ? { filter } : {}),
    onSummary: show,
    onFailure: show,
    onRejected: show,
    onError: (error) => console.error(`recap watch: a message was left queued: ${(error as Error).message}`),
  });
  // stderr: stdout carries only outcomes, so `--json` output pipes straight into jq.
  console.error(
    `watching ${target.label}'s Summaries topic${Object.keys(filter).length ? ` with filter ${JSON.stringify(filter)}` : ""}; Ctrl-C stops`,
  );
  const timer = options.for !== undefined ? setTimeout(finish, options.for * 1000) : undefined;
  process.once("SIGINT", finish);
  process.once("SIGTERM", finish);
  await done;
  clearTimeout(timer);
  await subscription.close();
}

/** One line an operator reads: what happened to which call, and why where it failed. */
function lineOf(event: Outcome): string {
  if (event.type === "summary.ready") {
    const { transcriptId, profile, summary } = event.data;
    const fields =
      summary && typeof summary === "object" && "resolution" in summary
        ? ` resolution=${summary.resolution} sentiment=${summary.sentiment} reason="${summary.callReason}"`
        : "";
    return `summary.ready        ${transcriptId} [${profile}]${fields}`;
  }
  if (event.type === "summary.failed")
    return `summary.failed       ${event.data.transcriptId} [${event.data.profile}] ${event.data.error.code}: ${event.data.error.message}`;
  return `transcript.rejected  ${event.data.transcriptId ?? "(no id)"} ${event.data.reason.code}: ${event.data.reason.message}`;
}

function filterEntry(value: string, previous: Record<string, string[]> = {}): Record<string, string[]> {
  const at = value.indexOf("=");
  const key = value.slice(0, at);
  if (at < 1 || !(FILTERABLE as readonly string[]).includes(key))
    throw new InvalidArgumentError(
      `key=v1,v2 with a key of ${FILTERABLE.join(", ")} is wanted, not "${value}"`,
    );
  const values = value
    .slice(at + 1)
    .split(",")
    .filter(Boolean);
  if (values.length === 0) throw new InvalidArgumentError(`no values after "${key}="`);
  return { ...previous, [key]: [...(previous[key] ?? []), ...values] };
}

function types(value: string): string[] {
  const list = value.split(",").filter(Boolean);
  const unknown = list.filter((type) => !OUTCOMES.includes(type));
  if (list.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(`outcome types among ${OUTCOMES.join(", ")} are wanted, not "${value}"`);
  return list;
}
