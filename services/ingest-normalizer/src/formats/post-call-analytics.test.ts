import { describe, expect, test } from "vitest";
import { callAnalytics } from "./fixtures/call-analytics.ts";
import { postCallAnalytics } from "./fixtures/post-call-analytics.ts";
import { diarized } from "./fixtures/transcribe.ts";
import { detect, parse } from "./post-call-analytics.ts";

describe("post-call-analytics detect", () => {
  test("knows the parsed output by `SpeechSegments`", () => {
    expect(detect("", postCallAnalytics)).toBe(true);
    expect(detect("", { SpeechSegments: [] })).toBe(true);
    expect(detect("", callAnalytics)).toBe(false);
    expect(detect("", diarized)).toBe(false);
  });
});

describe("post-call-analytics parse", () => {
  test("roles from SpeakerLabels, DisplayText (edited) over OriginalText, seconds to ms", () => {
    const parsed = parse("", postCallAnalytics);
    expect(parsed).toMatchObject({
      format: "post-call-analytics",
      channel: "voice",
      language: "en-US",
      durationMs: 12_500,
    });
    expect(parsed.turns).toEqual([
      { role: "agent", speaker: "Agent", text: "Thanks for calling.", startMs: 200, endMs: 2100 },
      { role: "customer", speaker: "Customer", text: "My name is [PII].", startMs: 2500, endMs: 5000 },
      { role: "other", speaker: "spk_2", text: "Supervisor here.", startMs: 7400, endMs: 9000 },
      { role: "agent", speaker: "Agent", text: "All sorted.", startMs: 9100, endMs: 12_500 },
    ]);
  });

  test("without SpeakerLabels every speaker stays spk_N with role other; OriginalText fills in", () => {
    const parsed = parse("", {
      SpeechSegments: [
        { SegmentSpeaker: "spk_0", OriginalText: "Hi.", SegmentStartTime: "1.5", SegmentEndTime: "2" },
      ],
    });
    expect(parsed.turns).toEqual([
      { role: "other", speaker: "spk_0", text: "Hi.", startMs: 1500, endMs: 2000 },
    ]);
  });
});
