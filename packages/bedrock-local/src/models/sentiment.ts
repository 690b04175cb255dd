import { closingMoodOf } from "./closing-mood.ts";
import { moodOf } from "./mood-lexicon.ts";
import { apologizedEarly } from "./opening-apology.ts";
import { assessResolution, type Resolution } from "./resolution.ts";
import type { Turn } from "./transcript.ts";
import { countCue, type Utterance } from "./utterances.ts";
import { wordHashes } from "./word-hash.ts";

export type Sentiment = "positive" | "neutral" | "negative" | "mixed";

/** Below this much evidence either way the call reads as neutral. */
const MIN_EVIDENCE = 2;
/** Shares of positive evidence at or beyond which the call reads as one-sided. */
const POSITIVE_SHARE = 0.7;
const NEGATIVE_SHARE = 0.35;
/** Moods at the end of a call weigh up to this much more than at the start. */
const LATE_WEIGHT = 1.5;
/** An early apology by the agent: about as much as the customer saying one upset word, and a half. */
const EARLY_APOLOGY_WEIGHT = 2;

/**
 * The customer's sentiment over the call. Evidence: a small lexicon over what they say and how they say it
 * (stage directions such as `*angrily*` count), complaint phrases, and the agent apologizing early (see
 * `opening-apology.ts`), later turns weighing more. Then the outcome, because a mood follows it: an upset
 * customer whose problem was solved and who does not end complaining was of two minds (`mixed`), and one
 * whose problem was not solved and who ends without praise stayed `negative`. With no customer identified,
 * everyone's words count.
 */
export function assessSentiment(
  turns: readonly Turn[],
  utterances: readonly Utterance[],
  resolution: Resolution = assessResolution(turns, utterances),
): Sentiment {
  const byCustomer = turns.some((t) => t.role === "customer");
  const lastTurn = Math.max(turns.length - 1, 1);
  let positive = 0;
  let negative = apologizedEarly(utterances) ? EARLY_APOLOGY_WEIGHT : 0;
  const tally = (words: readonly number[], turn: number, complaints = 0) => {
    const weight = 1 + ((LATE_WEIGHT - 1) * turn) / lastTurn;
    const mood = moodOf(words, weight);
    positive += mood.positive;
    negative += mood.negative + complaints * weight;
  };
  turns.forEach((turn, index) => {
    if (byCustomer && turn.role !== "customer") return;
    for (const cue of turn.cues) tally(wordHashes(cue), index);
  });
  for (const utterance of utterances) {
    if (!byCustomer || utterance.role === "customer") {
      tally(utterance.words, utterance.turn, countCue(utterance, "complaint"));
    }
  }
  if (positive + negative < MIN_EVIDENCE) return "neutral";
  const share = positive / (positive + negative);
  const verdict = share >= POSITIVE_SHARE ? "positive" : share <= NEGATIVE_SHARE ? "negative" : "mixed";
  const closing = closingMoodOf(utterances);
  const endsBadly = closing === "complaining" || closing === "upset";
  if (verdict === "negative" && resolution === "resolved" && !endsBadly) return "mixed";
  if (verdict === "mixed" && resolution !== "resolved" && closing !== "accepting") return "negative";
  return verdict;
}
