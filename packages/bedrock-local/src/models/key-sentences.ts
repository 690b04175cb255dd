import type { Cue } from "./call-cues.ts";
import { hasCue, type Utterance } from "./utterances.ts";
import { WordCounts } from "./word-counts.ts";
import { hashWords } from "./word-hash.ts";

export interface KeySentence {
  utterance: Utterance;
  score: number;
  /** Its content words (hashed), to tell near-repeats apart. */
  keywords: readonly number[];
}

/** Words that say nothing of what a call is about. */
const STOP_WORDS = hashWords(
  (
    "a about above after again all also am an and any are as at be because been before being both but by can " +
    "could did do does doing don't for from further get got had has have having he her here hers him his how i " +
    "i'll i'm i've if in into is it it's its just let me more most my no nor not now of off ok okay on once only " +
    "or other our out over own please really right same she should so some sure than thank thanks that that's " +
    "the their them then there these they this those through to too under until up us very was we we'll we're " +
    "were what when where which while who why will with would yes you you're your yeah well oh um uh hi hello " +
    "great absolutely certainly understand help see know like one go going"
  ).split(" "),
);
/** How often each content word comes up in the call being ranked: one table, emptied for each call. */
const FREQUENCY = new WordCounts();
/** Sentences with these cues say nothing about the matter of the call. */
const SKIPPED = new Set<Cue>(["greeting", "filler", "identity"]);
/** Where a sentence "starts": after at most one interjection (`Well, I'm sorry…`). */
const OPENING_WORDS = 2;
const REDACTED = "{";
const SPECIFIC_FACT = /[$%\d]/;
const SPECIFIC_FACT_BONUS = 2;
const DANGLING_PENALTY = 0.4;
const MIN_WORDS = 6;
const MAX_WORDS = 45;

/**
 * The sentences that carry a call, best first, for an extractive summary: each scored by how often the call
 * repeats its content words (what a call keeps coming back to is what it is about), with a bonus for figures,
 * amounts and dates. Questions, courtesies, sympathy and identity checks are left out.
 */
export function rankKeySentences(
  utterances: readonly Utterance[],
  exclude: ReadonlySet<string>,
): KeySentence[] {
  let callWords = 0;
  for (const { words } of utterances) callWords += words.length;
  FREQUENCY.clear(callWords);
  const contentWords = utterances.map(({ words }) => {
    const content = words.filter((word) => !STOP_WORDS.has(word));
    for (const word of content) FREQUENCY.add(word);
    return content;
  });

  const ranked: KeySentence[] = [];
  utterances.forEach((utterance, i) => {
    const { text } = utterance;
    const content = contentWords[i] ?? [];
    const words = utterance.words.length;
    if (content.length === 0 || words < MIN_WORDS || words > MAX_WORDS || text.endsWith("?")) return;
    if (exclude.has(text) || text.includes(REDACTED)) return;
    if (
      utterance.cues.some(
        (hit) => SKIPPED.has(hit.cue) || (hit.cue === "empathy" && hit.start < OPENING_WORDS),
      )
    ) {
      return;
    }
    const dangling = hasCue(utterance, "pointsBack", OPENING_WORDS);
    let weight = 0;
    for (const word of content) weight += FREQUENCY.count(word) - 1;
    const score =
      (weight / Math.sqrt(content.length) + (SPECIFIC_FACT.test(text) ? SPECIFIC_FACT_BONUS : 0)) *
      (dangling ? DANGLING_PENALTY : 1);
    ranked.push({ utterance, score, keywords: content });
  });
  return ranked.sort((a, b) => b.score - a.score || a.utterance.order - b.utterance.order);
}
