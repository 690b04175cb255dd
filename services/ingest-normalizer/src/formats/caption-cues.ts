/** One caption cue: its times (when the timing line reads) and its text lines. */
export type Cue = { startMs?: number; endMs?: number; lines: string[] };

const TIMING = /^\s*(\S+)\s+-->\s+(\S+)/;
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
 * (the WEBVTT header, NOTE, STYLE, REGION) have none and are passed over. A timing line that does not read
 * costs the cue its times, not its words.
 */
export function cuesOf(content: string): Cue[] {
  return blocksOf(content).flatMap((block) => {
    const lines = block.split("\n").filter((line) => line.trim() !== "");
    const at = lines.findIndex((line) => line.includes("-->"));
    if (at < 0 || at > 1) return [];
    const timing = TIMING.exec(lines[at] ?? "");
    const startMs = timing?.[1] === undefined ? undefined : timestampToMs(timing[1]);
    const endMs = timing?.[2] === undefined ? undefined : timestampToMs(timing[2]);
    return [{ startMs, endMs, lines: lines.slice(at + 1) }];
  });
}

/** Blocks separated by blank lines (a blank line may hold spaces), with CRLF and CR read as LF. */
export function blocksOf(content: string): string[] {
  return content
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/);
}
