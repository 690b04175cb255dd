import { hashWord } from "./word-hash.ts";

/**
 * Cue phrases, compiled into a word trie and matched against a sentence's hashed words: every list in one pass
 * over the words, where a regular expression per list would scan the whole call once per list. A phrase is
 * words separated by spaces; a word may list alternatives with `/` and end with `?` when optional:
 * `i've just/now? processed/issued` stands for `i've processed`, `i've just issued`…
 */
export interface PhraseSet<Category extends string> {
  root: PhraseNode<Category>;
  /**
   * Whether some phrase may start with a word, by the hash's low bits: most words start none, and an array
   * look-up turns them away faster than the map.
   */
  mayStart: Uint8Array;
}

interface PhraseNode<Category extends string> {
  next: Map<number, PhraseNode<Category>>;
  categories: Category[];
}

const START_FILTER_SIZE = 1 << 16;
const START_FILTER_MASK = START_FILTER_SIZE - 1;

export function compilePhrases<Category extends string>(
  lists: Record<Category, readonly string[]>,
): PhraseSet<Category> {
  const root: PhraseNode<Category> = { next: new Map(), categories: [] };
  for (const [category, phrases] of Object.entries(lists) as Array<[Category, readonly string[]]>) {
    for (const phrase of phrases) {
      for (const words of expand(phrase)) {
        let node = root;
        for (const word of words) {
          const hash = hashWord(word);
          let child = node.next.get(hash);
          if (!child) {
            child = { next: new Map(), categories: [] };
            node.next.set(hash, child);
          }
          node = child;
        }
        if (!node.categories.includes(category)) node.categories.push(category);
      }
    }
  }
  const mayStart = new Uint8Array(START_FILTER_SIZE);
  for (const hash of root.next.keys()) mayStart[hash & START_FILTER_MASK] = 1;
  return { root, mayStart };
}

/** Every occurrence of a phrase in `words`, by category and the index of its first word. */
export function findPhrases<Category extends string>(
  phrases: PhraseSet<Category>,
  words: readonly number[],
  visit: (category: Category, start: number) => void,
): void {
  for (let start = 0; start < words.length; start++) {
    const first = words[start] ?? 0;
    if (phrases.mayStart[first & START_FILTER_MASK] === 0) continue;
    let node = phrases.root.next.get(first);
    for (let i = start + 1; node; i++) {
      for (const category of node.categories) visit(category, start);
      node = i < words.length ? node.next.get(words[i] ?? 0) : undefined;
    }
  }
}

/** `i've just/now? processed` → `[["i've", "processed"], ["i've", "just", "processed"], ["i've", "now", "processed"]]`. */
function expand(phrase: string): string[][] {
  let variants: string[][] = [[]];
  for (const slot of phrase.trim().split(" ")) {
    const optional = slot.endsWith("?");
    const options = (optional ? slot.slice(0, -1) : slot).split("/");
    variants = variants.flatMap((words) => [
      ...(optional ? [words] : []),
      ...options.map((option) => [...words, option]),
    ]);
  }
  return variants;
}
