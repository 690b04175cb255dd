import { type TimedLine, type TimedWord, textOf } from "./timeline.ts";

/** A stretch of one turn: a sentence, or a caption's worth of one. */
export type Stretch = { text: string; startMs: number; endMs: number; words: TimedWord[] };

/**
 * A turn cut after every `.`, `?` or `!`, and wherever a stretch would pass `maxWords`: how analytics
 * services segment speech, and how captions fit it on screen.
 */
export function stretchesOf(line: TimedLine, maxWords = Number.POSITIVE_INFINITY): Stretch[] {
  const stretches: Stretch[] = [];
  let open: TimedWord[] = [];
  const close = () => {
    const first = open[0];
    const last = open.at(-1);
    if (first && last)
      stretches.push({ text: textOf(open), startMs: first.startMs, endMs: last.endMs, words: open });
    open = [];
  };
  for (const word of line.words) {
    open.push(word);
    if (/[.?!]/.test(word.punctuation) || open.length >= maxWords) close();
  }
  close();
  return stretches;
}
