import type { Turn } from "./transcript.ts";
import { countCue, hasCue, type Utterance } from "./utterances.ts";

export type Resolution = "resolved" | "unresolved" | "escalated" | "unknown";

const ESCALATION_SPEAKER = /\b(?:supervisor|manager)\b/i;
/** How much closer to the end a cue must be to outweigh one at the start: closings decide outcomes. */
const LATE_WEIGHT = 2;
/** A lead one outcome needs over the other before it is called. */
const MARGIN = 1.25;

/**
 * The call's outcome from its cues: escalated when it was handed on (an agent says so, or a supervisor or
 * manager speaks); otherwise resolved or unresolved by which cues dominate, each weighted by how late in the
 * call it is said; unknown when the call says neither clearly.
 */
export function assessResolution(turns: readonly Turn[], utterances: readonly Utterance[]): Resolution {
  if (turns.some((t) => ESCALATION_SPEAKER.test(t.speaker))) return "escalated";
  const lastTurn = Math.max(turns.length - 1, 1);
  let resolved = 0;
  let unresolved = 0;
  for (const utterance of utterances) {
    const weight = 1 + ((LATE_WEIGHT - 1) * utterance.turn) / lastTurn;
    resolved += weight * countCue(utterance, "resolved");
    unresolved += weight * countCue(utterance, "unresolved");
    const handedOn = utterance.role === "agent" && hasCue(utterance, "escalation");
    if (handedOn && !hasCue(utterance, "declinedEscalation")) return "escalated";
  }
  if (resolved > 0 && resolved >= unresolved * MARGIN) return "resolved";
  if (unresolved > 0 && unresolved >= resolved * MARGIN) return "unresolved";
  return "unknown";
}
