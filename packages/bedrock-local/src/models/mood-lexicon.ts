import { hashWord, hashWords } from "./word-hash.ts";

/**
 * Word weights for a speaker's mood. Politeness carries almost nothing: customers say `okay`, `sure` and `thanks`
 * whatever their mood, and a grudging `fine` is no praise. `thank` keeps a little, so that effusive thanks
 * (`thank you so much, thanks again`) still add up.
 */
const LEXICON = new Map<number, number>([
  ...weights(
    1,
    (
      "great appreciate appreciated wonderful excellent happy glad perfect awesome helpful pleased love " +
      "fantastic amazing relieved relief satisfied excited excitedly delighted grateful gratefully cheerfully " +
      "cheerful brilliant terrific smoothly resolved easy lovely lifesaver"
    ).split(" "),
  ),
  ...weights(0.5, "good nice".split(" ")),
  ...weights(0.25, "thank thanks".split(" ")),
  ...weights(
    -1,
    (
      "frustrated frustrating frustration angry angrily upset annoyed annoying disappointed " +
      "disappointing unacceptable ridiculous terrible worst horrible awful worried worrying anxious " +
      "anxiously furious unhappy rude useless mad complaint confused confusing concerned irritated " +
      "irritably sigh sighs exasperated hassle incompetent poor waste stressed stressful nervous scam " +
      "outrageous absurd pathetic joke nonsense unbelievable seriously livid appalling disgusting"
    ).split(" "),
  ),
]);
const NEGATORS = hashWords("not no never don't didn't isn't wasn't aren't won't can't".split(" "));

/** Positive and negative evidence in some words, a negator just before a word flipping it. */
export function moodOf(words: readonly number[], weight = 1): { positive: number; negative: number } {
  let positive = 0;
  let negative = 0;
  for (let w = 0; w < words.length; w++) {
    const value = LEXICON.get(words[w] ?? 0);
    if (value === undefined) continue;
    const negated = NEGATORS.has(words[w - 1] ?? 0) || NEGATORS.has(words[w - 2] ?? 0);
    const signed = (negated ? -value : value) * weight;
    if (signed > 0) positive += signed;
    else negative -= signed;
  }
  return { positive, negative };
}

function weights(weight: number, words: readonly string[]): Array<[number, number]> {
  return words.map((word) => [hashWord(word), weight]);
}
