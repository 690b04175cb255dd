import { describe, expect, test } from "vitest";
import { srtWithPrefixes, webvttWithVoices } from "./fixtures/captions.ts";
import { detect, parse } from "./srt.ts";

describe("srt detect", () => {
  test("a cue number, then a `-->` timing line, at the top of the file", () => {
    expect(detect(srtWithPrefixes)).toBe(true);
    expect(detect("\uFEFF1\r\n00:00:01.000 --> 00:00:02.000\r\nHi")).toBe(true);
    expect(detect(webvttWithVoices)).toBe(false);
    expect(detect("1 apple\n2 pears")).toBe(false);
    expect(detect("3\nAgent: at 00:00:01,000 --> we spoke")).toBe(false);
  });
});

describe("srt parse", () => {
  test("`Name:` and `[Name]` speakers, comma timestamps, a sound cue left in the text", () => {
    const parsed = parse(srtWithPrefixes);
    expect(parsed.format).toBe("srt");
    expect(parsed.turns).toEqual([
      { role: "agent", speaker: "Agent", text: "Good morning.", startMs: 1000, endMs: 2500 },
      {
        role: "customer",
        speaker: "Caller",
        text: "Morning, my heating is off. [laughs] It is cold.",
        startMs: 2600,
        endMs: 5000,
      },
      { role: "agent", speaker: "Agent", text: "An engineer comes today.", startMs: 5100, endMs: 7000 },
    ]);
  });

  test("cue numbers and timing lines never leak into the text", () => {
    const text = parse(srtWithPrefixes)
      .turns.map((t) => t.text)
      .join(" ");
    expect(text).not.toMatch(/-->|^\d+$/m);
  });
});
