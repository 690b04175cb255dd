import { type Stretch, stretchesOf } from "../sentences.ts";
import type { TimedLine } from "../timeline.ts";

/** Subtitle guidelines keep a caption line near 42 characters and a cue to two lines. */
const MAX_LINE_CHARS = 42;
const MAX_CUE_WORDS = 12;

type CaptionCue = Stretch & { line: TimedLine; textLines: string[] };

/** A turn's cues: a sentence each, long ones cut, the text wrapped onto at most two lines. */
export function captionCues(lines: readonly TimedLine[]): CaptionCue[] {
  return lines.flatMap((line) =>
    stretchesOf(line, MAX_CUE_WORDS).map((stretch) => ({
      ...stretch,
      line,
      textLines: wrapped(stretch.text),
    })),
  );
}

/** Too long for one line: two, broken at the space nearest the middle. */
function wrapped(text: string): string[] {
  if (text.length <= MAX_LINE_CHARS) return [text];
  const words = text.split(" ");
  const unevenness = (cut: number) => Math.abs(words.slice(0, cut).join(" ").length - text.length / 2);
  let cut = 1;
  for (let i = 2; i < words.length; i++) if (unevenness(i) < unevenness(cut)) cut = i;
  return [words.slice(0, cut).join(" "), words.slice(cut).join(" ")];
}

/** `01:02:03.450` (WebVTT, separator `.`) or `01:02:03,450` (SRT, separator `,`). */
export function timestamp(ms: number, separator: "." | ","): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${separator}${pad(ms % 1000, 3)}`;
}
