/**
 * Characters a model's tokenizer spends about one token on each: Han ideographs, kana and hangul (CJK text
 * has no spaces to split words on, so a tokenizer takes a character or two at a time), the CJK and
 * full-width punctuation between them (`，。：`), and emoji.
 */
const ONE_TOKEN_EACH =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef\p{Extended_Pictographic}]/u;

/**
 * Input tokens, estimated per character by script, so that no language is undercounted:
 * - ASCII: 4 characters a token, the usual rule of thumb for English text;
 * - Han, kana, hangul, CJK and full-width punctuation, emoji: 1 token each;
 * - any other character (Cyrillic, Arabic, Hebrew, Greek, accented Latin…): 2 characters a token.
 * Characters ÷ 4 alone would count a Chinese call at a quarter of its size and let it past a model's window.
 * Good enough to refuse a transcript that cannot fit and to pack shards under a cap; not a billing figure.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let oneEach = 0;
  let other = 0;
  for (const character of text) {
    if (character.charCodeAt(0) < 0x80) ascii += 1;
    else if (ONE_TOKEN_EACH.test(character)) oneEach += 1;
    else other += 1;
  }
  return Math.ceil(ascii / 4 + oneEach + other / 2);
}
