import type { Turn } from "./transcript.ts";
import type { Utterance } from "./utterances.ts";
import { hashWord, hashWords, wordHashes } from "./word-hash.ts";

export type Sentiment = "positive" | "neutral" | "negative" | "mixed";

/** Word weights. Thanks are discounted: customers thank agents out of politeness whatever their mood. */
const LEXICON = new Map<number, number>([
  ...weights(
    1,
    (
      "great appreciate appreciated wonderful excellent happy glad perfect awesome helpful pleased love " +
      "fantastic amazing relieved satisfied excited excitedly delighted grateful gratefully cheerfully " +
      "cheerful brilliant terrific smoothly resolved easy"
    ).split(" "),
  ),
  ...weights(0.5, "thank thanks good nice fine okay sure".split(" ")),
  ...weights(
    -1,
    (
      "frustrated frustrating frustration angry angrily upset annoyed annoying disappointed " +
      "disappointing unacceptable ridiculous terrible worst horrible awful worried worrying anxious " +
      "anxiously furious unhappy rude useless mad complaint confused confusing concerned irritated " +
      "irritably sigh sighs exasperated hassle incompetent poor waste stressed stressful nervous scam"
    ).split(" "),
  ),
]);
const NEGATORS = hashWords("not no never don't didn't isn't wasn't aren't won't can't".split(" "));
/** Below this much evidence either way the call reads as neutral. */
const MIN_EVIDENCE = 2;
/** Shares of positive evidence at or beyond which the call reads as one-sided. */
const POSITIVE_SHARE = 0.7;
const NEGATIVE_SHARE = 0.35;
/** Moods at the end of a call weigh up to this much more than at the start. */
const LATE_WEIGHT = 1.5;

/**
 * The customer's sentiment from a small lexicon over what they say and how they say it (stage directions such
 * as `*angrily*` count), a negator just before a word flipping it, later turns weighing more. With no customer
 * identified, everyone's words count.
 */
export function assessSentiment(turns: readonly Turn[], utterances: readonly Utterance[]): Sentiment {
  const byCustomer = turns.some((t) => t.role === "customer");
  const lastTurn = Math.max(turns.length - 1, 1);
  let positive = 0;
  let negative = 0;
  const tally = (words: readonly number[], turn: number) => {
    const weight = 1 + ((LATE_WEIGHT - 1) * turn) / lastTurn;
    for (let w = 0; w < words.length; w++) {
      const value = LEXICON.get(words[w] ?? 0);
      if (value === undefined) continue;
      const negated = NEGATORS.has(words[w - 1] ?? 0) || NEGATORS.has(words[w - 2] ?? 0);
      const signed = (negated ? -value : value) * weight;
      if (signed > 0) positive += signed;
      else negative -= signed;
    }
  };
  turns.forEach((turn, index) => {
    if (byCustomer && turn.role !== "customer") return;
    for (const cue of turn.cues) tally(wordHashes(cue), index);
  });
  for (const utterance of utterances) {
    if (!byCustomer || utterance.role === "customer") tally(utterance.words, utterance.turn);
  }
  if (positive + negative < MIN_EVIDENCE) return "neutral";
  const share = positive / (positive + negative);
  if (share >= POSITIVE_SHARE) return "positive";
  if (share <= NEGATIVE_SHARE) return "negative";
  return "mixed";
}

function weights(weight: number, words: readonly string[]): Array<[number, number]> {
  return words.map((word) => [hashWord(word), weight]);
}
