import { cuesOf } from "./caption-cues.ts";
import { captionTurns } from "./caption-speakers.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";

export const expects =
  "SRT subtitles: numbered cues, each `1` / `00:00:01,000 --> 00:00:04,000` / `Agent: Hello`, separated by blank lines";

/**
 * SRT has no header: its signature is a first cue number followed by a line that opens with a timestamp.
 * Whether that timing line reads is the parser's to judge, so that broken timings are rejected as broken SRT
 * rather than passed on as plain text.
 */
export function detect(content: string): boolean {
  return /^\uFEFF?\s*\d+[ \t]*\r?\n[ \t]*\d+:\d{2}/.test(content);
}

export function parse(content: string): ParsedTranscript {
  return { format: "srt", turns: captionTurns(cuesOf(content)) };
}
