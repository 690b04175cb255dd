import { toThirdPerson } from "./third-person.ts";
import { hasCue, type Utterance } from "./utterances.ts";
import { limitWords } from "./words.ts";

const MIN_WORDS = 5;
const MAX_WORDS = 30;
/** The last commitments are the ones that stand: earlier ones are often superseded by them. */
const MAX_ITEMS = 4;

/**
 * What the agent committed to, as third-person statements, the latest last, without repeats: sentences with a
 * commitment cue, leaving out questions, courtesies and the mechanics of the call (`I'll be right back`).
 */
export function findActionItems(utterances: readonly Utterance[]): string[] {
  const items: string[] = [];
  for (const utterance of utterances) {
    const { text, role } = utterance;
    if (role !== "agent" || text.endsWith("?") || utterance.wordCount < MIN_WORDS) continue;
    if (
      !hasCue(utterance, "commitment") ||
      hasCue(utterance, "callMechanics") ||
      hasCue(utterance, "greeting")
    ) {
      continue;
    }
    const item = limitWords(toThirdPerson(text, "agent"), MAX_WORDS);
    if (!items.includes(item)) items.push(item);
  }
  return items.slice(-MAX_ITEMS);
}
