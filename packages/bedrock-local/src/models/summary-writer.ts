import type { CallFacts } from "./call-facts.ts";
import type { KeySentence } from "./key-sentences.ts";
import type { AnswerKey, SummaryField } from "./prompt-intent.ts";
import type { Resolution } from "./resolution.ts";
import type { Sentiment } from "./sentiment.ts";
import { reported } from "./third-person.ts";
import { countWords } from "./words.ts";

const OUTCOMES: Record<Resolution, string> = {
  resolved: "The issue was resolved during the call.",
  unresolved: "The issue was not fully resolved by the end of the call.",
  escalated: "The call was escalated for further handling.",
  unknown: "",
};
const TONES: Record<Sentiment, string> = {
  positive: "The customer's tone was positive overall.",
  neutral: "The customer's tone was neutral.",
  negative: "The customer's tone was negative overall.",
  mixed: "The customer's tone was mixed over the call.",
};
/** A prose answer's length when the prompt does not give one. */
const DEFAULT_PROSE_WORDS = 120;
/** The `overview` of a JSON answer: a short paragraph. */
const OVERVIEW_WORDS = 70;
const ACTIONS_IN_PROSE = 2;
/** Sentences sharing this much of their content words say the same thing twice. */
const NEAR_REPEAT = 0.6;
/** Below this much room, no key sentence fits. */
const MIN_SENTENCE_WORDS = 6;
const NOTHING_TO_SUMMARIZE = "The conversation has no content to summarize.";
const REASON_NOT_STATED = "The reason for the call was not stated.";

/**
 * A prose summary of about `words` words: why the customer called, the call's key sentences in the order they
 * were said, then outcome, next steps and tone. Nothing is invented: every sentence is the call's own, reported.
 */
export function writeProseSummary(facts: CallFacts, words = DEFAULT_PROSE_WORDS): string {
  // The outcome always; next steps and tone while they fit in a short summary.
  let room = words - countWords(facts.reason ?? "") - countWords(OUTCOMES[facts.resolution]);
  const optional = [...facts.actionItems.slice(-ACTIONS_IN_PROSE), TONES[facts.sentiment]].filter(
    (sentence) => {
      const fits = countWords(sentence) <= room;
      if (fits) room -= countWords(sentence);
      return fits;
    },
  );
  return compose(facts, words, [OUTCOMES[facts.resolution], ...optional].filter(Boolean));
}

/** A JSON object with the keys asked for; keys it cannot fill from the call are `null`. Pretty-printed. */
export function writeJsonSummary(facts: CallFacts, keys: readonly AnswerKey[]): string {
  const answer: Record<string, unknown> = {};
  for (const key of keys) answer[key.name] = key.field ? fieldValue(key.field, facts) : null;
  return JSON.stringify(answer, null, 2);
}

function fieldValue(field: SummaryField, facts: CallFacts): unknown {
  switch (field) {
    case "overview":
      return compose(facts, OVERVIEW_WORDS, [OUTCOMES[facts.resolution]].filter(Boolean));
    case "callReason":
      return facts.reason ?? REASON_NOT_STATED;
    case "resolution":
      return facts.resolution;
    case "sentiment":
      return facts.sentiment;
    case "actionItems":
      return facts.actionItems;
  }
}

function compose(facts: CallFacts, words: number, closing: readonly string[]): string {
  const opening = facts.reason ? [facts.reason] : [];
  const fixed = [...opening, ...closing];
  const budget = words - fixed.reduce((sum, sentence) => sum + countWords(sentence), 0);
  const text = [...opening, ...pick(facts.keySentences, budget, new Set(fixed)), ...closing].join(" ");
  return text || NOTHING_TO_SUMMARIZE;
}

/**
 * The best sentences that fit in `budget` words, reported in the third person, without near-repeats or
 * sentences already said, back in the order they were said. Only sentences considered are rewritten.
 */
function pick(ranked: readonly KeySentence[], budget: number, alreadySaid: ReadonlySet<string>): string[] {
  const chosen: Array<{ order: number; text: string; keywords: readonly number[] }> = [];
  let room = budget;
  for (const { utterance, keywords } of ranked) {
    if (room < MIN_SENTENCE_WORDS) break;
    // Reporting adds about a word (`I` → `the customer`): skip the rewrite of sentences that cannot fit.
    if (utterance.words.length > room + 1) continue;
    if (chosen.some((c) => overlap(c.keywords, keywords) >= NEAR_REPEAT)) continue;
    const text = reported(utterance.text, utterance.role);
    const words = countWords(text);
    if (words > room || alreadySaid.has(text)) continue;
    chosen.push({ order: utterance.order, text, keywords: distinct(keywords) });
    room -= words;
  }
  return chosen.sort((a, b) => a.order - b.order).map((c) => c.text);
}

/** Each word once. A sentence has a few content words: looking through them beats building a `Set`. */
function distinct(words: readonly number[]): number[] {
  const once: number[] = [];
  for (const word of words) if (!once.includes(word)) once.push(word);
  return once;
}

/** Shared content words over the smaller sentence's: 1 when one sentence's words are all in the other. */
function overlap(chosen: readonly number[], candidate: readonly number[]): number {
  let shared = 0;
  for (const word of candidate) if (chosen.includes(word)) shared++;
  return shared / Math.min(chosen.length, candidate.length);
}
