import type { Turn } from "./transcript.ts";
import { hasCue, type Utterance } from "./utterances.ts";
import { hashWords } from "./word-hash.ts";

const ESCALATION_SPEAKER = /\b(?:supervisor|manager)\b/i;

/**
 * Whether the agent handed the call on: a supervisor or manager speaks; the agent says they escalate or transfer
 * (unless saying they cannot); or the agent promises that someone else will contact the customer (`our billing
 * team will call you`), which passes the case on. A follow-up the agent keeps (`I'll call you back`) is not a
 * handover: the case stays open with the same agent.
 */
export function wasHandedOn(turns: readonly Turn[], utterances: readonly Utterance[]): boolean {
  if (turns.some((t) => ESCALATION_SPEAKER.test(t.speaker))) return true;
  return utterances.some(
    (u) =>
      u.role === "agent" &&
      ((hasCue(u, "escalation") && !hasCue(u, "declinedEscalation")) || promisesThirdPartyFollowUp(u)),
  );
}

/** A follow-up promise whose subject, the nearest party named before it, is someone other than the agent. */
function promisesThirdPartyFollowUp(utterance: Utterance): boolean {
  for (const hit of utterance.cues) {
    if (hit.cue !== "followUp") continue;
    const subject = utterance.cues.filter((h) => h.cue === "thirdParty" && h.start < hit.start).at(-1);
    if (subject && !saysSelfBetween(utterance, subject.start, hit.start)) return true;
  }
  return false;
}

const SELF = hashWords(["i", "i'll", "we", "we'll", "i'm", "we're"]);

/** `the team said I'll call you`: the agent, named after the third party, is the one who follows up. */
function saysSelfBetween(utterance: Utterance, from: number, to: number): boolean {
  return utterance.words.slice(from + 1, to).some((word) => SELF.has(word));
}
