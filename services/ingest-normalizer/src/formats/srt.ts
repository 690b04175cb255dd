import { cuesOf } from "./caption-cues.ts";
import { captionTurns } from "./caption-speakers.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";

export const expects =
  "SRT subtitles: numbered cues, each `1` / `00:00:01,000 --> 00:00:04,000` / `Agent: Hello`, separated by blank lines";

/** SRT has no header: its signature is a first cue number followed by a `-->` timing line. */
export function detect(content: string): boolean {
  return /^\uFEFF?\s*\d+[ \t]*\r?\n[ \t]*(?:\d+:)?\d{1,2}:\d{2}(?:[,.]\d{1,3})?[ \t]+-->/.test(content);
}

export function parse(content: string): ParsedTranscript {
  return { format: "srt", turns: captionTurns(cuesOf(content)) };
}
