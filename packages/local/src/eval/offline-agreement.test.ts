import { generateCalls } from "@recap/call-generator/generate-calls";
import { callSummarySchema } from "@recap/shared";
import { expect, test } from "vitest";
import { compareWithTruth, type EvalPair } from "./compare-summaries.ts";
import { evalText } from "./eval-text.ts";
import { generatedTruthOf } from "./labelled-truth.ts";
import { summarizeOffline } from "./offline-pipeline.ts";

/** Two seeds: agreement must hold for the generator's default mix, not for one lucky draw of it. */
const SEEDS = ["agreement-1", "agreement-2"];
const CALLS = 1000;
const TARGET = 0.8;

test.each(SEEDS)(
  "the offline summarizer agrees with the generator's truth on resolution and sentiment over 1,000 calls of seed %s",
  async (seed) => {
    const calls = generateCalls({ count: CALLS, seed }).filter((call) => !call.truth.expectedRejection);
    const pairs: EvalPair[] = [];
    for (const call of calls) {
      const outcome = await summarizeOffline(call);
      const summary = "summary" in outcome ? callSummarySchema.parse(outcome.summary) : undefined;
      const { label } = generatedTruthOf(
        { transcriptId: call.transcriptId, ...call.truth },
        call.transcriptId,
      );
      pairs.push({ truth: label, ...(summary ? { summary } : {}) });
    }
    const report = compareWithTruth(pairs);
    console.log(`seed ${seed}:\n${evalText(report)}`);
    expect(report.missing.count).toBe(0);
    expect(report.fields.resolution.agreement).toBeGreaterThanOrEqual(TARGET);
    expect(report.fields.sentiment.agreement).toBeGreaterThanOrEqual(TARGET);
  },
);
