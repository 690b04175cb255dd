/**
 * Words as numbers, for the summarizer's counting, cue and lexicon look-ups: a case-folded FNV-1a hash of each
 * run of letters, digits and apostrophes, in one pass and without making a string per word. Two distinct words
 * collide about once in four billion pairs; a collision would only nudge a heuristic score.
 */
export function wordHashes(text: string): number[] {
  const hashes: number[] = [];
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    let code = i < text.length ? text.charCodeAt(i) : SPACE;
    if (code >= 65 && code <= 90) code += 32;
    else if (code === RIGHT_SINGLE_QUOTE) code = APOSTROPHE;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === APOSTROPHE || code >= 0xc0) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      hashes.push(hash >>> 0);
      hash = FNV_OFFSET;
      inWord = false;
    }
  }
  return hashes;
}

/** The hash {@link wordHashes} gives `word`. */
export function hashWord(word: string): number {
  return wordHashes(word)[0] ?? 0;
}

export function hashWords(words: Iterable<string>): Set<number> {
  return new Set([...words].map(hashWord));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 32;
const APOSTROPHE = 39;
const RIGHT_SINGLE_QUOTE = 0x2019;
