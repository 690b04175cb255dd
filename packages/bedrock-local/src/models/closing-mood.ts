import { closingUtterances } from "./closing-turns.ts";
import { moodOf } from "./mood-lexicon.ts";
import { hasCue, type Utterance } from "./utterances.ts";
import { hashWords } from "./word-hash.ts";

/**
 * How the customer ends the call: `complaining` (the problem is still there, or they protest), `upset` (more
 * bad words than good, without saying the problem remains: `fine, this has been awful`), `accepting` (praise,
 * or saying it works), `thanking` (thanks and nothing else: politeness, weak evidence of a good end), or
 * `plain`. Complaints win over praise: `thanks, but it's still broken` is a complaint.
 */
export type ClosingMood = "complaining" | "upset" | "accepting" | "thanking" | "plain";

/** The customer's last two turns: the last one is often only a goodbye. */
const CLOSING_TURNS = 2;
/** Praise enough to be more than politeness: one strong word such as `perfect`. */
const ACCEPTING_POSITIVE = 1;
const THANKS = hashWords(["thank", "thanks", "cheers"]);

export function closingMoodOf(utterances: readonly Utterance[]): ClosingMood {
  const closing = closingUtterances(utterances, "customer", CLOSING_TURNS);
  let positive = 0;
  let negative = 0;
  for (const utterance of closing) {
    if (hasCue(utterance, "unresolved") || hasCue(utterance, "complaint")) return "complaining";
    const mood = moodOf(utterance.words);
    positive += mood.positive;
    negative += mood.negative;
  }
  if (negative > positive) return "upset";
  if (positive >= ACCEPTING_POSITIVE || closing.some((u) => hasCue(u, "resolved"))) return "accepting";
  if (closing.some((u) => u.words.some((word) => THANKS.has(word)))) return "thanking";
  return "plain";
}
