import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { callSummarySchema } from "@recap/shared/events/summary";
import type { Command } from "commander";
import { compareWithTruth, type EvalPair, type ScoredSummary } from "../eval/compare-summaries.ts";
import { evalText } from "../eval/eval-text.ts";
import { collectGeneratedRun } from "../eval/generated-run.ts";
import { loadTruth, type TruthLabel } from "../eval/labelled-truth.ts";
import {
  nonNegativeNumber,
  onTarget,
  printJson,
  type TargetFlags,
  wholeNumber,
  withJson,
  withTarget,
} from "./options.ts";

export function registerEval(program: Command): void {
  withJson(
    withTarget(
      program
        .command("eval")
        .description(
          "compare summaries with ground truth, field by field (call reason, resolution, sentiment, action items): agreement, a confusion table, examples of disagreement. With --truth, the summaries already in the target's Store bucket are scored against labels; without, a fresh local stack summarizes generated calls first",
        )
        .option(
          "--truth <path>",
          "labels: a `recap generate` folder (<id>.truth.json), or a .jsonl / .csv file of {transcriptId, callReason?, resolution?, sentiment?, actionItems?}",
        )
        .option(
          "--profile <name>",
          "whose summaries to score (a profile with structured summaries)",
          "default",
        )
        .option(
          "--calls <n>",
          "without --truth: how many generated calls (the default mix)",
          wholeNumber(1),
          1000,
        )
        .option("--seed <text>", "without --truth: the generator's seed", "eval")
        .option("--time-scale <x>", "without --truth: the local Bedrock's pace", nonNegativeNumber, 0.02)
        .option("--examples <n>", "disagreements shown per field", wholeNumber(0), 5),
    ),
  )
    .addHelpText(
      "after",
      "\nExamples:\n  recap eval                                   # 1,000 generated calls through a fresh local stack\n  recap eval --truth .recap/calls              # the summaries of calls you published with recap publish\n  recap eval --truth labels.csv --stage prod   # your own labelled calls, summarized on AWS",
    )
    .action(evaluate);
}

interface EvalOptions extends TargetFlags {
  truth?: string;
  profile: string;
  calls: number;
  seed: string;
  timeScale: number;
  examples: number;
  json?: boolean;
}

async function evaluate(options: EvalOptions): Promise<void> {
  const { pairs, source } = options.truth
    ? await storedPairs(options, options.truth)
    : await generatedPairs(options);
  const report = compareWithTruth(pairs, { examples: options.examples });
  if (options.json) return printJson({ source, profile: options.profile, ...report });
  console.log(`Recap eval: ${source}, profile ${options.profile}`);
  console.log(evalText(report));
}

/** A fresh local stack summarizes generated calls; their truth is the generator's own. */
async function generatedPairs(options: EvalOptions) {
  const say = options.json ? () => {} : (line: string) => console.error(line);
  say(`summarizing ${options.calls} generated calls (seed ${options.seed}) on a fresh local stack…`);
  const run = await collectGeneratedRun({
    calls: options.calls,
    seed: options.seed,
    profile: options.profile,
    timeScale: options.timeScale,
  });
  say(`done in ${run.seconds.toFixed(1)} s`);
  const pairs: EvalPair[] = run.labels.map((truth) => {
    const summary = run.summaries.get(truth.transcriptId);
    return summary ? { truth, summary } : { truth };
  });
  return {
    pairs,
    source: `${options.calls} generated calls (seed ${options.seed}) through the local pipeline`,
  };
}

/** Labels from a file or folder; each call's newest stored summary of the profile, from the Store bucket. */
async function storedPairs(options: EvalOptions, truthPath: string) {
  const { labels, excluded } = await loadTruth(truthPath);
  return onTarget(options, async (target, clients) => {
    const pairs: EvalPair[] = [];
    for (let i = 0; i < labels.length; i += 16) {
      const batch = labels.slice(i, i + 16);
      pairs.push(
        ...(await Promise.all(
          batch.map(async (truth: TruthLabel) => {
            const summary = await storedSummary(
              clients.s3,
              target.bucket,
              truth.transcriptId,
              options.profile,
            );
            return summary ? { truth, summary } : { truth };
          }),
        )),
      );
    }
    const left = excluded.length ? ` (${excluded.length} deliberately broken calls left out)` : "";
    return {
      pairs,
      source: `${labels.length} labelled calls from ${truthPath}${left}, summaries in ${target.label}`,
    };
  });
}

/**
 * `summaries/<id>/<version>/<profile>.json`, the newest version's: a transcript published again with new
 * content is scored on its latest summary. Undefined when there is none, or it is not a structured summary.
 */
async function storedSummary(
  s3: S3Client,
  bucket: string,
  transcriptId: string,
  profile: string,
): Promise<ScoredSummary | undefined> {
  const listing = await s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: `summaries/${transcriptId}/` }),
  );
  const newest = (listing.Contents ?? [])
    .filter((object) => object.Key?.endsWith(`/${profile}.json`))
    .sort((a, b) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0))[0];
  if (!newest?.Key) return undefined;
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: newest.Key }));
  const document = JSON.parse((await object.Body?.transformToString()) ?? "{}") as { summary?: unknown };
  return structured(document.summary);
}

/** Only a structured summary (`call-summary`'s schema) is scored; prose (`notebook`) has no fields to score. */
function structured(summary: unknown): ScoredSummary | undefined {
  const parsed = callSummarySchema.safeParse(summary);
  return parsed.success ? parsed.data : undefined;
}
