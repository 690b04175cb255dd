import { describe, expect, test } from "vitest";
import { srtWithPrefixes, webvttWithPrefixes, webvttWithVoices } from "./fixtures/captions.ts";
import { detect, parse } from "./webvtt.ts";

describe("webvtt detect", () => {
  test("needs WEBVTT as the whole first word of the file", () => {
    expect(detect(webvttWithVoices)).toBe(true);
    expect(detect("\uFEFFWEBVTT - with a title\n\n")).toBe(true);
    expect(detect("WEBVTT")).toBe(true);
    expect(detect("WEBVTTX\n")).toBe(false);
    expect(detect(` ${webvttWithVoices}`)).toBe(false);
    expect(detect(srtWithPrefixes)).toBe(false);
  });
});

describe("webvtt parse", () => {
  test("voice spans become speakers; consecutive cues of one speaker merge; the Language header is read", () => {
    const parsed = parse(webvttWithVoices);
    expect(parsed).toMatchObject({ format: "webvtt", language: "en" });
    expect(parsed.turns).toEqual([
      {
        role: "agent",
        speaker: "Agent",
        text: "Thanks for calling & welcome. How can I help?",
        startMs: 1000,
        endMs: 5000,
      },
      { role: "customer", speaker: "Customer", text: "My card was declined.", startMs: 5200, endMs: 7000 },
      { role: "agent", speaker: "Agent", text: "Let me look.", startMs: 5200, endMs: 7000 },
    ]);
  });

  test("`Name:` prefixes, CRLF line endings, and a one-off label that is not a speaker", () => {
    const parsed = parse(webvttWithPrefixes);
    expect(parsed.language).toBeUndefined();
    expect(parsed.turns.map((t) => [t.speaker, t.text])).toEqual([
      ["Jane", "Hello? Note: this call is recorded."],
      ["Omar", "Hi Jane."],
      ["Jane", "Hi Omar."],
      ["Omar", "Bye."],
    ]);
  });
});
