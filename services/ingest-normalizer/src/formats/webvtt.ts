import { blocksOf, cuesOf } from "./caption-cues.ts";
import { captionTurns } from "./caption-speakers.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";

export const expects =
  "WebVTT captions: a first line `WEBVTT`, then cues such as `00:00:01.000 --> 00:00:04.000` / `<v Agent>Hello`";

/** The WEBVTT signature the specification requires on the first line. */
export function detect(content: string): boolean {
  return /^\uFEFF?WEBVTT(?:[ \t]|\r|\n|$)/.test(content);
}

/** Headers some tools write into the first block, e.g. `Language: en` (YouTube). */
const LANGUAGE_HEADER = /^Language:[ \t]*([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)[ \t]*$/m;

export function parse(content: string): ParsedTranscript {
  const header = blocksOf(content)[0] ?? "";
  const language = LANGUAGE_HEADER.exec(header)?.[1];
  return { format: "webvtt", turns: captionTurns(cuesOf(content)), ...(language ? { language } : {}) };
}
