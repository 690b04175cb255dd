import type { SpeakerRole } from "./transcript.ts";
import type { Utterance } from "./utterances.ts";

/** The closing is the last third of the call: in a short call, the customer's turn before last is the problem. */
const CLOSING_SHARE = 1 / 3;

/**
 * The sentences of one speaker's last `count` turns within the last third of the call. How a customer ends a
 * call (accepting, thanking, still complaining) says more about its outcome and their mood than anything said
 * before; the very last turn is often only a goodbye, so callers look at more than one.
 */
export function closingUtterances(
  utterances: readonly Utterance[],
  role: SpeakerRole,
  count: number,
): Utterance[] {
  const lastTurn = utterances.at(-1)?.turn ?? 0;
  const firstClosingTurn = Math.ceil(lastTurn * (1 - CLOSING_SHARE));
  const turns = new Set<number>();
  for (let i = utterances.length - 1; i >= 0; i--) {
    const utterance = utterances[i];
    if (!utterance || utterance.turn < firstClosingTurn) break;
    if (utterance.role !== role) continue;
    if (!turns.has(utterance.turn) && turns.size === count) break;
    turns.add(utterance.turn);
  }
  return utterances.filter((u) => u.role === role && turns.has(u.turn));
}
