import { hasCue, type Utterance } from "./utterances.ts";

/**
 * The agent's first turns: greeting, hearing the problem, first answer. Later apologies are mostly for the
 * outcome (`sorry, I can't waive it`), not for the caller's mood.
 */
const OPENING_AGENT_TURNS = 2;

/**
 * Whether the agent apologized or named the customer's feelings early in the call. Agents answer an upset
 * caller that way before anything has been done, so it is evidence of the customer's mood at the start even
 * when the customer's own words are restrained.
 */
export function apologizedEarly(utterances: readonly Utterance[]): boolean {
  const agentTurns = new Set<number>();
  for (const utterance of utterances) {
    if (utterance.role !== "agent") continue;
    agentTurns.add(utterance.turn);
    if (agentTurns.size > OPENING_AGENT_TURNS) return false;
    if (hasCue(utterance, "apology")) return true;
  }
  return false;
}
