import { describe, expect, test } from "vitest";
import { cuesOf, timestampToMs } from "./caption-cues.ts";
import { thrown } from "./fixtures/thrown.ts";

describe("timestampToMs", () => {
  test.each([
    ["01:02:03.450", 3_723_450],
    ["01:02:03,450", 3_723_450],
    ["02:03.450", 123_450],
    ["00:00:01,5", 1500],
    ["00:00:07", 7000],
  ])("%s is %s ms", (stamp, ms) => {
    expect(timestampToMs(stamp)).toBe(ms);
  });

  test.each([["1:2:3:4"], ["soon"], ["00:00:01.2345"]])("%s is not a timestamp", (stamp) => {
    expect(timestampToMs(stamp)).toBeUndefined();
  });
});

describe("cuesOf", () => {
  test("reads cues with or without an identifier; header and NOTE blocks are not cues", () => {
    const cues = cuesOf(
      "WEBVTT\n\nNOTE hi\n\nintro\n00:01.000 --> 00:02.000\nHello\nthere\n\n00:03.000 --> 00:04.000\nBye",
    );
    expect(cues).toEqual([
      { startMs: 1000, endMs: 2000, lines: ["Hello", "there"] },
      { startMs: 3000, endMs: 4000, lines: ["Bye"] },
    ]);
  });

  test.each([
    ["a timing that does not read", "1\nlater --> sooner\nStill said.", /cue 1 .*does not read/],
    ["a cue that ends before it starts", "1\n00:00:05,000 --> 00:00:01,000\nHi.", /cue 1 .*ends before/],
    ["a timing line without its arrow", "1\n00:00:01,000 -> 00:00:02,000\nHi.", /cue 1 .*no `-->`/],
    [
      "a later cue's broken timing",
      "1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:00:03,000 --> 00:00:0x,000\nBye.",
      /cue 2 /,
    ],
  ])("%s is a malformed transcript, not words without times", (_what, content, message) => {
    const error = thrown(() => cuesOf(content));
    expect(error.code).toBe("malformed-transcript");
    expect(error.message).toMatch(message);
  });

  test("blank lines holding spaces and CRLF endings still separate cues, and no line keeps a CR", () => {
    const cues = cuesOf(
      "1\r\n00:00:01,000 --> 00:00:02,000\r\nA\r\nB\r\n  \r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nC",
    );
    expect(cues.map((cue) => cue.lines)).toEqual([["A", "B"], ["C"]]);
  });
});
