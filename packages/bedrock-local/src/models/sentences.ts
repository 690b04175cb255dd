import { codeUnitsOf } from "./code-units.ts";
import { EMPTY_WORD, extendWord, hashWordsIn, wordUnit } from "./word-hash.ts";

/** Words that end in a full stop without ending a sentence. */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "jr",
  "sr",
  "vs",
  "etc",
  "e.g",
  "i.e",
  "approx",
]);
const LONGEST_ABBREVIATION = 6;
/** Scratch for the words of the sentence being read, shared by every call of {@link sentencesOf}. */
const WORDS: number[] = [];
const FULL_STOP = 46;
const SPACE = 32;

/** One sentence of a turn. */
export interface Sentence {
  text: string;
  /** Its words hashed (see `word-hash.ts`): `$79.99` is two, `79` and `99`. */
  words: number[];
  /** Its words as `countWords` counts them, by the spaces between them: `$79.99` is one. */
  wordCount: number;
}

/**
 * Sentences of one turn: a cut after `.`, `!` or `?` (and any closing quote or bracket) followed by a space,
 * except after an abbreviation, so `$99.99` and `Mr. Lee` stay whole.
 */
export function splitSentences(text: string): string[] {
  return sentencesOf(text).map((sentence) => sentence.text);
}

/**
 * {@link splitSentences} with each sentence's words hashed and counted, in one pass over the turn's code units:
 * finding the ends with a regular expression, then reading each sentence again, cost several times more.
 */
export function sentencesOf(text: string): Sentence[] {
  const units = codeUnitsOf(text);
  const length = text.length;
  const sentences: Sentence[] = [];
  // The words of the sentence being read, copied out to an array of their number when it ends.
  const words = WORDS;
  let wordsRead = 0;
  let hash = EMPTY_WORD;
  let inWord = false;
  let start = 0;
  let spacesBeforeStart = 0;
  let spaces = 0;
  /** Where the sentence being read ends, once its end marks have been seen; -1 before. */
  let end = -1;
  for (let i = 0; i < length; i++) {
    if (i === end) {
      // A sentence ends before a space, so no word runs across the cut.
      if (inWord) words[wordsRead++] = hash;
      addSentence(sentences, text, units, start, end, words.slice(0, wordsRead), spaces - spacesBeforeStart);
      wordsRead = 0;
      hash = EMPTY_WORD;
      inWord = false;
      start = end;
      spacesBeforeStart = spaces;
      end = -1;
    }
    const code = units[i] ?? 0;
    const unit = wordUnit(code);
    if (unit !== 0) {
      hash = extendWord(hash, unit);
      inWord = true;
      continue;
    }
    if (inWord) {
      words[wordsRead++] = hash;
      hash = EMPTY_WORD;
      inWord = false;
    }
    if (code === SPACE) spaces++;
    else if (end === -1 && isEndMark(code) && !isEndMark(units[i - 1] ?? 0))
      end = sentenceEnd(text, units, start, i);
  }
  if (inWord) words[wordsRead++] = hash;
  addSentence(sentences, text, units, start, length, words.slice(0, wordsRead), spaces - spacesBeforeStart);
  return sentences;
}

/**
 * Where a sentence that has end marks from `marks` on ends: after them and any closing quotes or brackets, if a
 * space or the end of the text follows and they are not an abbreviation's full stop; -1 if it does not end there.
 */
function sentenceEnd(text: string, units: Uint16Array, start: number, marks: number): number {
  let end = marks;
  while (end < text.length && isEndMark(units[end] ?? 0)) end++;
  const marksEnd = end;
  while (end < text.length && isClosing(units[end] ?? 0)) end++;
  if (end < text.length && units[end] !== SPACE) return -1;
  const fullStop = marksEnd === end && end - marks === 1 && units[marks] === FULL_STOP;
  return fullStop && isAbbreviation(text, units, start, marks) ? -1 : end;
}

/**
 * Adds the sentence `[start, end)` of `text`, trimmed, unless it is blank. `words` are its words, `spaces` the
 * spaces in it.
 */
function addSentence(
  sentences: Sentence[],
  text: string,
  units: Uint16Array,
  start: number,
  end: number,
  words: number[],
  spaces: number,
): void {
  let first = start;
  let last = end;
  let spacesAround = 0;
  // White space outside ASCII (`\u2003`, `\ufeff`) hashes as part of a word, but trimming takes it out.
  let trimmedWordUnits = false;
  for (; first < last && isTrimmed(units[first] ?? 0); first++) {
    if (units[first] === SPACE) spacesAround++;
    else if (wordUnit(units[first] ?? 0) !== 0) trimmedWordUnits = true;
  }
  for (; last > first && isTrimmed(units[last - 1] ?? 0); last--) {
    if (units[last - 1] === SPACE) spacesAround++;
    else if (wordUnit(units[last - 1] ?? 0) !== 0) trimmedWordUnits = true;
  }
  if (first === last) return;
  sentences.push({
    text: text.slice(first, last),
    words: trimmedWordUnits ? hashWordsIn(units, first, last) : words,
    wordCount: spaces - spacesAround + 1,
  });
}

function isEndMark(code: number): boolean {
  return code === FULL_STOP || code === 33 || code === 63;
}

/** `"`, `'`, `)`, `]`, `”`, `’`. */
function isClosing(code: number): boolean {
  return code === 34 || code === 39 || code === 41 || code === 93 || code === 0x201d || code === 0x2019;
}

/** What `String.prototype.trim` removes: white space and line terminators. */
function isTrimmed(code: number): boolean {
  if (code <= SPACE) return code === SPACE || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether the word ending at `end` (just before its full stop, not before `from`) is an abbreviation. */
function isAbbreviation(text: string, units: Uint16Array, from: number, end: number): boolean {
  let start = end;
  while (start > from && units[start - 1] !== SPACE) {
    start--;
    if (end - start > LONGEST_ABBREVIATION) return false;
  }
  const key = asciiKey(units, start, end);
  if (key !== NOT_ASCII && !ABBREVIATION_KEYS.has(key)) return false;
  return ABBREVIATIONS.has(text.slice(start, end).toLowerCase());
}

/**
 * A case-folded hash of an ASCII word, to turn away most words before a full stop without making a lowercased
 * string of each; {@link NOT_ASCII} for other words, which are looked up as strings.
 */
function asciiKey(units: Uint16Array, start: number, end: number): number {
  let key = EMPTY_WORD;
  for (let i = start; i < end; i++) {
    const code = units[i] ?? 0;
    if (code >= 128) return NOT_ASCII;
    key = extendWord(key, code >= 65 && code <= 90 ? code + 32 : code);
  }
  return key;
}

const NOT_ASCII = -1;
const ABBREVIATION_KEYS = new Set(
  [...ABBREVIATIONS].map((abbreviation) => asciiKey(codeUnitsOf(abbreviation), 0, abbreviation.length)),
);
