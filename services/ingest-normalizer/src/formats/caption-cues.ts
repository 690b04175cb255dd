import { UnreadableTranscriptError } from "./unreadable.ts";

/** One caption cue: its times and its text lines. */
export type Cue = { startMs: number; endMs: number; lines: string[] };

const TIMING = /^\s*(\S+)\s+-->\s+(\S+)/;
/** A line that means to be a timing line but lost its arrow: `00:00:01,000 -> 00:00:04,000`, `0:01 - 0:04`. */
const ARROWLESS_TIMING = /^\s*\d+:\d{2}\S*\s*(?:-+>?|=>|→|–|—)\s*\d+:\d{2}/;
const TIMESTAMP = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

/** `01:02:03.450` (WebVTT), `01:02:03,450` (SRT), `02:03.450` (WebVTT without hours) → ms. */
export function timestampToMs(stamp: string): number | undefined {
  const match = TIMESTAMP.exec(stamp);
  if (!match) return undefined;
  const [, hours = "0", minutes = "0", seconds = "0", fraction = "0"] = match;
  return (
    ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(fraction.padEnd(3, "0"))
  );
}

/**
 * The cues of a WebVTT or SRT file. Both are blocks separated by blank lines, a cue being a block whose
 * first or second line (after an identifier or an SRT number) is a `-->` timing line. Other blocks
 * (the WEBVTT header, NOTE, STYLE, REGION) have none and are passed over. Broken timings are rejected as
 * `malformed-transcript`, not read around: a timing that does not read, a cue that ends before it starts,
 * or a timing line that lost its arrow means the export is damaged, and its turns cannot be placed in time.
 */
export function cuesOf(content: string): Cue[] {
  let number = 0;
  return blocksOf(content).flatMap((block) => {
    const lines = block.split("\n").filter((line) => line.trim() !== "");
    const at = lines.findIndex((line) => line.includes("-->"));
    if (at < 0 || at > 1) {
      if (lines.slice(0, 2).some((line) => ARROWLESS_TIMING.test(line)))
        throw brokenTiming(number + 1, "its timing line has no `-->` between start and end");
      return [];
    }
    number += 1;
    const timing = TIMING.exec(lines[at] ?? "");
    const startMs = timing?.[1] === undefined ? undefined : timestampToMs(timing[1]);
    const endMs = timing?.[2] === undefined ? undefined : timestampToMs(timing[2]);
    if (startMs === undefined || endMs === undefined)
      throw brokenTiming(number, "its timing line does not read as `start --> end` timestamps");
    if (endMs < startMs) throw brokenTiming(number, "it ends before it starts");
    return [{ startMs, endMs, lines: lines.slice(at + 1) }];
  });
}

/** Lines that say they are caption timings (`00:00:01,000 -->`), in text that has no caption signature. */
export function hasCaptionTimings(content: string): boolean {
  return /^[ \t]*\d[\d:.,]*[ \t]*-->/m.test(content);
}

function brokenTiming(cue: number, what: string): UnreadableTranscriptError {
  return new UnreadableTranscriptError(
    "malformed-transcript",
    `caption cue ${cue} is broken: ${what}, e.g. \`00:00:01.000 --> 00:00:04.000\``,
  );
}

/** Blocks separated by blank lines (a blank line may hold spaces), with CRLF and CR read as LF. */
export function blocksOf(content: string): string[] {
  return content
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/);
}
