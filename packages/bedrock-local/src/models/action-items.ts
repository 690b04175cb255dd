import { toThirdPerson } from "./third-person.ts";
import { hasCue, type Utterance } from "./utterances.ts";
import { limitWords } from "./words.ts";

const MIN_WORDS = 5;
const MAX_WORDS = 30;
/** The last commitments are the ones that stand: earlier ones are often superseded by them. */
const MAX_ITEMS = 4;
/**
 * Instructions count only in the last third of the call, where agents give the next steps: earlier ones are
 * mostly the call's own troubleshooting (`please restart the router`), done before the call ends.
 */
const CLOSING_SHARE = 1 / 3;

/**
 * What the agent committed to, and what they told the customer to do at the end, as third-person statements,
 * the latest last, without repeats: sentences with a commitment cue (or an instruction, near the end), leaving
 * out questions, courtesies and the mechanics of the call (`I'll be right back`).
 */
export function findActionItems(utterances: readonly Utterance[]): string[] {
  const items: string[] = [];
  const closingFrom = (utterances.at(-1)?.turn ?? 0) * (1 - CLOSING_SHARE);
  for (const utterance of utterances) {
    const { text, role } = utterance;
    if (role !== "agent" || text.endsWith("?") || utterance.wordCount < MIN_WORDS) continue;
    const nextStep =
      hasCue(utterance, "commitment") || (utterance.turn >= closingFrom && hasCue(utterance, "instruction"));
    if (!nextStep || hasCue(utterance, "callMechanics") || hasCue(utterance, "greeting")) {
      continue;
    }
    const item = limitWords(toThirdPerson(text, "agent"), MAX_WORDS);
    if (!items.includes(item)) items.push(item);
  }
  return items.slice(-MAX_ITEMS);
}
