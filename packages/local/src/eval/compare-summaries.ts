import { INTENTS } from "@recap/call-generator/call-types";
import { contentWords, recallOf } from "./content-words.ts";
import type { TruthLabel } from "./labelled-truth.ts";
import { intentOfReason } from "./reason-intent.ts";

/** The fields of a `default`-profile summary (`callSummarySchema`) that are scored. */
export interface ScoredSummary {
  callReason: string;
  resolution: string;
  sentiment: string;
  actionItems: readonly string[];
}

/** A labelled call and its summary; `summary` undefined when none was found for it. */
export interface EvalPair {
  truth: TruthLabel;
  summary?: ScoredSummary;
}

export interface Disagreement {
  transcriptId: string;
  truth: string;
  predicted: string;
}

/** One field's figures. `agreement` is `agreed / scored`; calls without a summary are `missing`, not scored. */
export interface FieldReport {
  /** How the field is judged, in a sentence: printed with the figures. */
  rule: string;
  scored: number;
  agreed: number;
  /** 0 to 1; null when nothing was scored. */
  agreement: number | null;
  missing: number;
  /** Counts by truth (rows) then prediction (columns), every label of `labels` present. */
  confusion: { labels: string[]; counts: Record<string, Record<string, number>> };
  examples: Disagreement[];
}

export interface ActionItemsReport extends FieldReport {
  /** Over calls where both sides list items: the mean share of each true item's words found in its best match. */
  meanItemRecall: number | null;
  bothListed: number;
}

export interface EvalReport {
  labelled: number;
  /** Labelled calls with no summary at all, by id (the first few, then how many). */
  missing: { count: number; transcriptIds: string[] };
  fields: {
    callReason: FieldReport;
    resolution: FieldReport;
    sentiment: FieldReport;
    actionItems: ActionItemsReport;
  };
}

export interface CompareOptions {
  /** Disagreements kept per field. */
  examples?: number;
  /** Missing ids listed. */
  missingIds?: number;
}

const RESOLUTIONS = ["resolved", "unresolved", "escalated", "unknown"];
const SENTIMENTS = ["positive", "neutral", "negative", "mixed"];
const REASON_INTENTS = [...INTENTS, "other"];
const PRESENCE = ["none", "listed"];
const INTENT_RULE = "reason text classified into the generator's intents by vocabulary";
const TEXT_RULE = "summary's reason holds half the label's content words";
/** A labeller's call reason agrees with a summary's when the summary says at least half of its content words. */
export const REASON_RECALL = 0.5;

/**
 * Summaries against truth, field by field: share of agreement, confusion table, disagreements. Pure; the
 * report is plain data, JSON-serializable as is.
 *
 * - resolution, sentiment: exact label match.
 * - callReason: with a generator intent, the summary's reason text is classified into the generator's intents
 *   by vocabulary (`reason-intent.ts`) and must name the same intent; with only a labeller's text, the summary's
 *   reason must contain at least half ({@link REASON_RECALL}) of the label's content words.
 * - actionItems: agreement is both listing items or both listing none (the confusion is none/listed); how
 *   close the listed items are is `meanItemRecall`, not part of agreement.
 */
export function compareWithTruth(pairs: readonly EvalPair[], options: CompareOptions = {}): EvalReport {
  const examples = options.examples ?? 5;
  const missing = pairs.filter((p) => !p.summary).map((p) => p.truth.transcriptId);
  const callReason = newField(INTENT_RULE, REASON_INTENTS);
  const resolution = newField("exact label", RESOLUTIONS);
  const sentiment = newField("exact label", SENTIMENTS);
  const actionItems: ActionItemsReport = {
    ...newField("both list items, or both list none", PRESENCE),
    meanItemRecall: null,
    bothListed: 0,
  };
  let recallSum = 0;
  let byIntent = 0;
  let byText = 0;
  for (const { truth, summary } of pairs) {
    const id = truth.transcriptId;
    if (truth.resolution !== undefined)
      score(resolution, id, truth.resolution, summary?.resolution, examples);
    if (truth.sentiment !== undefined) score(sentiment, id, truth.sentiment, summary?.sentiment, examples);
    if (truth.intent !== undefined) {
      byIntent++;
      const predicted = summary ? intentOfReason(summary.callReason) : undefined;
      const shownTruth = truth.callReason ? `${truth.intent}: ${truth.callReason}` : truth.intent;
      score(callReason, id, truth.intent, predicted, examples, summary?.callReason, shownTruth);
    } else if (truth.callReason !== undefined) {
      byText++;
      const said = summary ? recallOf(contentWords(truth.callReason), contentWords(summary.callReason)) : 0;
      const predicted = summary ? (said >= REASON_RECALL ? "same" : "different") : undefined;
      score(callReason, id, "same", predicted, examples, summary?.callReason, truth.callReason);
    }
    if (truth.actionItems !== undefined) {
      const listed = (items: readonly string[]) => (items.length > 0 ? "listed" : "none");
      const predicted = summary ? listed(summary.actionItems) : undefined;
      const shown = summary?.actionItems.join("; ") || "(none)";
      score(
        actionItems,
        id,
        listed(truth.actionItems),
        predicted,
        examples,
        shown,
        truth.actionItems.join("; ") || "(none)",
      );
      if (summary && truth.actionItems.length > 0 && summary.actionItems.length > 0) {
        actionItems.bothListed++;
        recallSum += itemRecall(truth.actionItems, summary.actionItems);
      }
    }
  }
  actionItems.meanItemRecall = actionItems.bothListed > 0 ? recallSum / actionItems.bothListed : null;
  for (const field of [callReason, resolution, sentiment, actionItems]) {
    field.agreement = field.scored > 0 ? field.agreed / field.scored : null;
  }
  callReason.rule = [byIntent > 0 || byText === 0 ? INTENT_RULE : "", byText > 0 ? TEXT_RULE : ""]
    .filter(Boolean)
    .join("; ");
  // Intents no call had nor any summary named, and the text verdicts when no label was text, only widen it.
  callReason.confusion.labels = callReason.confusion.labels.filter((label) => used(callReason, label));
  return {
    labelled: pairs.length,
    missing: { count: missing.length, transcriptIds: missing.slice(0, options.missingIds ?? 10) },
    fields: { callReason, resolution, sentiment, actionItems },
  };
}

function newField(rule: string, labels: readonly string[]): FieldReport {
  return {
    rule,
    scored: 0,
    agreed: 0,
    agreement: null,
    missing: 0,
    confusion: { labels: [...labels], counts: {} },
    examples: [],
  };
}

/**
 * One call's field: missing without a summary, else counted in the confusion table and, when it disagrees,
 * kept as an example (showing `shownPredicted`/`shownTruth` where the labels are only a verdict).
 */
function score(
  field: FieldReport,
  transcriptId: string,
  truth: string,
  predicted: string | undefined,
  examples: number,
  shownPredicted?: string,
  shownTruth?: string,
): void {
  if (predicted === undefined) {
    field.missing++;
    return;
  }
  field.scored++;
  const { confusion } = field;
  for (const label of [truth, predicted]) if (!confusion.labels.includes(label)) confusion.labels.push(label);
  const row = confusion.counts[truth] ?? {};
  row[predicted] = (row[predicted] ?? 0) + 1;
  confusion.counts[truth] = row;
  if (predicted === truth) field.agreed++;
  else if (field.examples.length < examples) {
    field.examples.push({ transcriptId, truth: shownTruth ?? truth, predicted: shownPredicted ?? predicted });
  }
}

function used(field: FieldReport, label: string): boolean {
  const { counts } = field.confusion;
  return counts[label] !== undefined || Object.values(counts).some((row) => row[label] !== undefined);
}

/** For each true item, the best share of its words one predicted item says; averaged over the true items. */
function itemRecall(truth: readonly string[], predicted: readonly string[]): number {
  const said = predicted.map(contentWords);
  let sum = 0;
  for (const item of truth) {
    const words = contentWords(item);
    sum += Math.max(0, ...said.map((candidate) => recallOf(words, candidate)));
  }
  return sum / truth.length;
}
