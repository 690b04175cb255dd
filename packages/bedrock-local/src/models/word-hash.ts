import { codeUnitsOf } from "./code-units.ts";

/**
 * Words as numbers, for the summarizer's counting, cue and lexicon look-ups: a case-folded FNV-1a hash of each
 * run of letters, digits and apostrophes, in one pass and without making a string per word. Two distinct words
 * collide about once in four billion pairs; a collision would only nudge a heuristic score. Each hash is a
 * signed 32-bit integer: V8 keeps those as small integers, where unsigned ones above 2³¹ would be boxed
 * numbers, slower to store and to look up.
 */
export function wordHashes(text: string): number[] {
  return hashWordsIn(codeUnitsOf(text), 0, text.length);
}

/** {@link wordHashes} of the code units `[from, to)` of a text (see `code-units.ts`). */
export function hashWordsIn(units: Uint16Array, from: number, to: number): number[] {
  const hashes: number[] = [];
  let hash = EMPTY_WORD;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const unit = wordUnit(units[i] ?? 0);
    if (unit !== 0) {
      hash = extendWord(hash, unit);
      inWord = true;
    } else if (inWord) {
      hashes.push(hash);
      hash = EMPTY_WORD;
      inWord = false;
    }
  }
  if (inWord) hashes.push(hash);
  return hashes;
}

/** The hash before a word's first character: each character then {@link extendWord}s it. */
export const EMPTY_WORD = 0x811c9dc5 | 0;

/** A code unit as it is hashed in a word (ASCII letters lowercased, `’` as `'`), or 0 between words. */
export function wordUnit(code: number): number {
  if (code < FIRST_UNLISTED) return FOLDED[code] ?? 0;
  return code === RIGHT_SINGLE_QUOTE ? APOSTROPHE : code;
}

/** The hash of a word one unit longer. */
export function extendWord(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, FNV_PRIME);
}

/** The hash {@link wordHashes} gives `word`. */
export function hashWord(word: string): number {
  return wordHashes(word)[0] ?? 0;
}

export function hashWords(words: Iterable<string>): Set<number> {
  return new Set([...words].map(hashWord));
}

const FNV_PRIME = 0x01000193;
const APOSTROPHE = 39;
const RIGHT_SINGLE_QUOTE = 0x2019;
/** From this code unit on, every character is part of a word (accented letters, other scripts, symbols). */
const FIRST_UNLISTED = 0xc0;
/** Below {@link FIRST_UNLISTED}: a word character as hashed (ASCII letters lowercased), or 0 between words. */
const FOLDED = new Uint8Array(FIRST_UNLISTED);
for (let code = 0; code < FIRST_UNLISTED; code++) {
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === APOSTROPHE) FOLDED[code] = code;
  else if (code >= 65 && code <= 90) FOLDED[code] = code + 32;
}
