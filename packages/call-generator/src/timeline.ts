import { HOLD_NOTE, type Line, type Speaker, type Tone } from "./call-types.ts";
import type { Random } from "./random.ts";

/** A word as a recognizer hears it: the word, the punctuation written after it, and when it was said. */
export type TimedWord = { word: string; punctuation: string; startMs: number; endMs: number };
export type TimedLine = Line & { startMs: number; endMs: number; words: TimedWord[] };

/** How fast each side talks (or types, in a chat) and how long the other waits before answering. */
type Pace = { wordsPerMinute: Record<Speaker, number>; answerGapMs: [number, number]; firstWordMs: number };

const TRAILING_PUNCTUATION = /^(.*?)([.,?!;:]*)$/;

/**
 * Times for every word of the call. Voice runs at a natural 135–195 words a minute, an angry customer
 * faster; long words take longer than short ones, and commas and full stops leave short pauses. A chat
 * runs at typing speed with longer waits. Times are whole centiseconds, as Transcribe writes them.
 */
export function timeline(
  lines: readonly Line[],
  random: Random,
  channel: "voice" | "chat",
  tone: Tone,
): TimedLine[] {
  const pace = channel === "chat" ? chatPace(random) : voicePace(random, tone);
  let clock = pace.firstWordMs;
  return lines.map((line, index) => {
    if (index > 0) clock += gapBefore(line, random, pace);
    const msPerWord = 60_000 / pace.wordsPerMinute[line.speaker];
    const words = line.text.split(" ").map((token): TimedWord => {
      const [, word = token, punctuation = ""] = TRAILING_PUNCTUATION.exec(token) ?? [];
      const length = Math.min(word.length, 12);
      const startMs = clock;
      const endMs = startMs + centiseconds(Math.max(80, msPerWord * (0.55 + 0.1 * length)));
      clock = endMs + pauseAfter(punctuation, random);
      return { word, punctuation, startMs, endMs };
    });
    const last = words.at(-1);
    const first = words[0];
    return { ...line, words, startMs: first?.startMs ?? clock, endMs: last?.endMs ?? clock };
  });
}

function voicePace(random: Random, tone: Tone): Pace {
  const customer = tone === "angry" ? random.int(165, 195) : random.int(135, 160);
  return {
    wordsPerMinute: { agent: random.int(145, 175), customer },
    answerGapMs: tone === "angry" ? [80, 600] : [250, 1200],
    firstWordMs: centiseconds(random.between(300, 2500)),
  };
}

function chatPace(random: Random): Pace {
  return {
    wordsPerMinute: { agent: random.int(45, 70), customer: random.int(30, 55) },
    answerGapMs: [2000, 9000],
    firstWordMs: centiseconds(random.between(5000, 40_000)),
  };
}

function gapBefore(line: Line, random: Random, pace: Pace): number {
  if (line.notes?.includes(HOLD_NOTE)) return centiseconds(random.between(20_000, 90_000));
  return centiseconds(random.between(...pace.answerGapMs));
}

function pauseAfter(punctuation: string, random: Random): number {
  if (/[.?!]/.test(punctuation)) return centiseconds(random.between(250, 500));
  if (punctuation !== "") return centiseconds(random.between(120, 250));
  return centiseconds(random.between(0, 60));
}

const centiseconds = (ms: number) => Math.round(ms / 10) * 10;

/** A run of words as written: each word with its punctuation, separated by single spaces. */
export const textOf = (words: readonly TimedWord[]) => words.map((w) => w.word + w.punctuation).join(" ");
