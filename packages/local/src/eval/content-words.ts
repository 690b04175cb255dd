/** Words that carry no topic: overlap on them would make unrelated sentences look alike. */
const STOP_WORDS = new Set(
  (
    "the a an and or but of to in on at for from with by about as is are was were be been being it its this " +
    "that these those they them their there here i me my we our you your he she his her who what which when " +
    "why how not no yes do does did done have has had will would can could should may might must just so " +
    "than then too very also into out up down over again customer agent call called calling wants wanted " +
    "want need needs needed asked asks ask would like some any all get got"
  ).split(" "),
);

/**
 * The content words of a text, lower-cased, each once, with a plural `s` dropped (`charges` and `charge`
 * match). Crude on purpose: enough to tell whether two short phrases talk about the same thing.
 */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []) {
    if (STOP_WORDS.has(word) || word.length < 3) continue;
    words.add(word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);
  }
  return words;
}

/** The share of `reference`'s content words that `candidate` also has: 1 when it says them all, 0 for none. */
export function recallOf(reference: ReadonlySet<string>, candidate: ReadonlySet<string>): number {
  if (reference.size === 0) return 0;
  let shared = 0;
  for (const word of reference) if (candidate.has(word)) shared++;
  return shared / reference.size;
}
