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
/**
 * A sentence end: `.`, `!` or `?` marks, any closing quotes or brackets, then a space or the end of the text.
 * Found by the regular-expression engine, which scans text faster than a loop over characters in JavaScript.
 */
const SENTENCE_END = /[.!?]+["')\]”’]*(?= |$)/g;

/**
 * Sentences of one turn: a cut after `.`, `!` or `?` (and any closing quote or bracket) followed by a space,
 * except after an abbreviation, so `$99.99` and `Mr. Lee` stay whole.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match; match = SENTENCE_END.exec(text)) {
    if (match[0] === "." && isAbbreviation(text, start, match.index)) continue;
    const end = match.index + match[0].length;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** Whether the word ending at `end` (just before its full stop) is an abbreviation. */
function isAbbreviation(text: string, from: number, end: number): boolean {
  const start = Math.max(text.lastIndexOf(" ", end - 1) + 1, from);
  return end - start <= LONGEST_ABBREVIATION && ABBREVIATIONS.has(text.slice(start, end).toLowerCase());
}
