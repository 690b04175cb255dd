import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { callSummarySchema } from "@recap/shared/events/summary";
import { publishInBatches } from "../publish-batches.ts";
import { startLocalStack } from "../stack.ts";
import { TopicFeed } from "../topic-feed.ts";
import type { ScoredSummary } from "./compare-summaries.ts";
import { generatedTruthOf, type TruthLabel } from "./labelled-truth.ts";

/** Past this without an outcome, the run gives up and says how far it got. */
const STALL_MS = 120_000;
const OUTCOMES = new Set(["summary.ready", "summary.failed", "transcript.rejected"]);

export interface GeneratedRun {
  labels: TruthLabel[];
  /** Structured summaries by transcript id; a call that failed or was rejected has none. */
  summaries: Map<string, ScoredSummary>;
  seconds: number;
}

/**
 * Generated calls (the default mix, none deliberately broken) through a fresh local stack, published as a
 * producer would, until every call has an outcome: the summaries `recap eval` scores, with the generator's
 * truth beside them. The stack and its state are gone afterwards.
 */
export async function collectGeneratedRun(options: {
  calls: number;
  seed: string;
  profile: string;
  timeScale: number;
}): Promise<GeneratedRun> {
  const started = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), "recap-eval-"));
  const stack = await startLocalStack({
    dir,
    port: 0,
    bedrockTiming: { scale: options.timeScale },
    log: () => {},
  });
  const { region, endpoint, credentials, topics } = stack.endpoints;
  const sns = new SNSClient({ region, endpoint, credentials });
  const sqs = new SQSClient({ region, endpoint, credentials });
  try {
    const feed = await TopicFeed.subscribed(sns, sqs, "RecapEvalFeed", [topics.Summaries ?? ""]);
    const calls = generateCalls({ count: options.calls, seed: options.seed, broken: 0 });
    const messages = calls.map((call) => {
      const event = toSubmittedEvent(call) as { data: Record<string, unknown> };
      return JSON.stringify({ ...event, data: { ...event.data, profile: options.profile } });
    });
    await publishInBatches(sns, topics.Transcripts ?? "", messages);
    const ended = new Set<string>();
    const summaries = new Map<string, ScoredSummary>();
    let lastChange = Date.now();
    while (ended.size < calls.length) {
      for (const event of await feed.receive()) {
        const data = event.data as { transcriptId?: string; summary?: unknown };
        if (!OUTCOMES.has(event.type) || !data.transcriptId || ended.has(data.transcriptId)) continue;
        ended.add(data.transcriptId);
        lastChange = Date.now();
        const summary = callSummarySchema.safeParse(data.summary);
        if (event.type === "summary.ready" && summary.success) summaries.set(data.transcriptId, summary.data);
      }
      if (Date.now() - lastChange > STALL_MS)
        throw new Error(
          `${ended.size} of ${calls.length} calls ended, none in the last ${STALL_MS / 1000} s`,
        );
    }
    const labels = calls.map(
      (call) => generatedTruthOf({ transcriptId: call.transcriptId, ...call.truth }, call.transcriptId).label,
    );
    return { labels, summaries, seconds: (performance.now() - started) / 1000 };
  } finally {
    sns.destroy();
    sqs.destroy();
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
