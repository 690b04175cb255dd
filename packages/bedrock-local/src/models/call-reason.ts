import { reported } from "./third-person.ts";
import { countCue, hasCue, type Utterance } from "./utterances.ts";
import { limitWords } from "./words.ts";

/** Customers state why they called in their first few turns after the greeting and identity checks. */
const TURNS_CONSIDERED = 4;
const MIN_WORDS = 5;
const MAX_WORDS = 40;
const REASON_WEIGHT = 3;
const MAX_TOPIC_WEIGHT = 3;
const LATER_TURN_PENALTY = 0.25;
/** Placeholders of redacted data (`{EMAIL}`, `[email protected]`), and e-mail addresses, mark identity checks too. */
const REDACTED = ["{", "[email", "@"];

/**
 * Why the customer called, in the third person: the best-scoring sentence of the customer's first substantive
 * turns (a reason phrase counts most, then topic words, then being early). Falls back to anyone's sentences
 * when no customer is identified.
 */
export function findCallReason(
  utterances: readonly Utterance[],
): { reason: string; sentence: string } | undefined {
  const fromCustomer = utterances.some((u) => u.role === "customer");
  let best: { utterance: Utterance; score: number } | undefined;
  let turnsSeen = 0;
  let lastTurn = -1;
  for (const utterance of utterances) {
    if (fromCustomer && utterance.role !== "customer") continue;
    const { text } = utterance;
    if (utterance.wordCount < MIN_WORDS || REDACTED.some((mark) => text.includes(mark))) continue;
    if (hasCue(utterance, "identity") || hasCue(utterance, "greeting")) continue;
    const reason = hasCue(utterance, "reason");
    if (text.endsWith("?") && !reason) continue;
    if (utterance.turn !== lastTurn) {
      if (turnsSeen === TURNS_CONSIDERED) break;
      turnsSeen++;
      lastTurn = utterance.turn;
    }
    const score =
      (reason ? REASON_WEIGHT : 0) +
      Math.min(countCue(utterance, "topic"), MAX_TOPIC_WEIGHT) -
      (turnsSeen - 1) * LATER_TURN_PENALTY;
    if (!best || score > best.score) best = { utterance, score };
  }
  if (!best) return undefined;
  const { text, role } = best.utterance;
  return { reason: limitWords(reported(text, role), MAX_WORDS), sentence: text };
}
