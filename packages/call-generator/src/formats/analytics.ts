import { createHash } from "node:crypto";
import type { Mood, Speaker } from "../call-types.ts";
import type { Random } from "../random.ts";
import type { TimedLine } from "../timeline.ts";

/** The documentation's placeholder account: these files were never near a real one. */
export const ACCOUNT_ID = "123456789012";

export const ROLES = { agent: "AGENT", customer: "CUSTOMER" } as const;

/** A UUID-shaped id that is the same every time for the same key, as reruns of a job would give. */
export function uuidFrom(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const SENTIMENT_LABELS: Readonly<Record<Mood, string>> = {
  positive: "POSITIVE",
  neutral: "NEUTRAL",
  negative: "NEGATIVE",
};

/** Amazon's -5 … 5 sentiment score. */
export const SENTIMENT_SCORES: Readonly<Record<Mood, number>> = { positive: 3.8, neutral: 0, negative: -3.6 };

/** One loudness reading per started second of speech, in the dB range the samples show. */
export function loudness(random: Random, startMs: number, endMs: number, mood: Mood): number[] {
  const base = mood === "negative" ? 82 : 74;
  return Array.from({ length: Math.max(1, Math.ceil((endMs - startMs) / 1000)) }, () =>
    Number((base + random.between(-9, 9)).toFixed(2)),
  );
}

/** How sure the recognizer was of a word: mostly certain, now and then less so. */
export const confidence = (random: Random) =>
  Number((random.chance(0.8) ? random.between(0.95, 1) : random.between(0.6, 0.95)).toFixed(4));

export function talkTimeMs(lines: readonly TimedLine[], speaker: Speaker): number {
  return lines.filter((l) => l.speaker === speaker).reduce((sum, l) => sum + (l.endMs - l.startMs), 0);
}

export function wordsPerMinute(lines: readonly TimedLine[], speaker: Speaker): number {
  const words = lines.filter((l) => l.speaker === speaker).reduce((sum, l) => sum + l.words.length, 0);
  const ms = talkTimeMs(lines, speaker);
  return ms === 0 ? 0 : Math.round((words * 60_000) / ms);
}

/** The mean score of one side's turns, as Call Analytics' `OverallSentiment` gives it. */
export function overallSentiment(lines: readonly TimedLine[], speaker: Speaker): number {
  const own = lines.filter((l) => l.speaker === speaker);
  const total = own.reduce((sum, l) => sum + SENTIMENT_SCORES[l.mood], 0);
  return own.length === 0 ? 0 : Number((total / own.length).toFixed(1));
}

export const durationMs = (lines: readonly TimedLine[]) => lines.at(-1)?.endMs ?? 0;
