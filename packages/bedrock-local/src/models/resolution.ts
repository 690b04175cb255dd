import { type ClosingMood, closingMoodOf } from "./closing-mood.ts";
import { wasHandedOn } from "./escalation.ts";
import type { Turn } from "./transcript.ts";
import { countCue, type Utterance } from "./utterances.ts";

export type Resolution = "resolved" | "unresolved" | "escalated" | "unknown";

/** How much closer to the end a cue must be to outweigh one at the start: closings decide outcomes. */
const LATE_WEIGHT = 2;
/** A lead one outcome needs over the other before it is called. */
const MARGIN = 1.25;
/**
 * What the customer's closing adds for each outcome: the customer, not the agent, knows whether the problem
 * is gone, so accepting or complaining at the end weighs like a few cues; thanks alone, which customers give
 * out of courtesy whatever the outcome, weighs little.
 */
const CLOSING_EVIDENCE: Record<ClosingMood, { resolved: number; unresolved: number }> = {
  accepting: { resolved: 3, unresolved: 0 },
  thanking: { resolved: 1, unresolved: 0 },
  complaining: { resolved: 0, unresolved: 3 },
  // Venting about the experience says nothing of whether the problem is gone: `fine, this was awful`.
  upset: { resolved: 0, unresolved: 0 },
  plain: { resolved: 0, unresolved: 0 },
};

/**
 * The call's outcome: escalated when it was handed on (see `escalation.ts`); otherwise resolved or unresolved
 * by which evidence dominates: cues weighted by how late in the call they are said, and how the customer ends
 * the call (see `closing-mood.ts`); unknown when the call says neither clearly.
 */
export function assessResolution(turns: readonly Turn[], utterances: readonly Utterance[]): Resolution {
  if (wasHandedOn(turns, utterances)) return "escalated";
  const lastTurn = Math.max(turns.length - 1, 1);
  const closing = CLOSING_EVIDENCE[closingMoodOf(utterances)];
  let resolved = closing.resolved;
  let unresolved = closing.unresolved;
  for (const utterance of utterances) {
    const weight = 1 + ((LATE_WEIGHT - 1) * utterance.turn) / lastTurn;
    resolved += weight * countCue(utterance, "resolved");
    // The customer's `it doesn't work` before the agent acts is why they called, not how the call ended: the
    // customer's say on the outcome is their closing. A follow-up the agent keeps (`I'll call you back`)
    // leaves the case open.
    if (utterance.role === "customer") continue;
    unresolved += weight * (countCue(utterance, "unresolved") + countCue(utterance, "followUp"));
  }
  if (resolved > 0 && resolved >= unresolved * MARGIN) return "resolved";
  if (unresolved > 0 && unresolved >= resolved * MARGIN) return "unresolved";
  return "unknown";
}
