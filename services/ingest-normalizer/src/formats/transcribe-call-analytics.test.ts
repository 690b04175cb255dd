import { describe, expect, test } from "vitest";
import { callAnalytics } from "./fixtures/call-analytics.ts";
import { contactLensChat, contactLensVoice } from "./fixtures/contact-lens.ts";
import { thrown } from "./fixtures/thrown.ts";
import { detect, parse } from "./transcribe-call-analytics.ts";

describe("transcribe-call-analytics detect", () => {
  test("knows Call Analytics by `Transcript[]` entries with a ParticipantRole and no ParticipantId", () => {
    expect(detect("", callAnalytics)).toBe(true);
    expect(detect("", { Transcript: [] })).toBe(true);
    expect(detect("", contactLensVoice)).toBe(false);
    expect(detect("", contactLensChat)).toBe(false);
    expect(detect("", { Transcript: [{ Content: "hi" }] })).toBe(false);
  });
});

describe("transcribe-call-analytics parse", () => {
  test("turns with roles from ParticipantRole; consecutive segments of one role merge", () => {
    const parsed = parse("", callAnalytics);
    expect(parsed).toMatchObject({
      format: "transcribe-call-analytics",
      channel: "voice",
      language: "en-US",
      durationMs: 7600,
    });
    expect(parsed.turns).toEqual([
      { role: "agent", speaker: "Agent", text: "Hello, this is support.", startMs: 0, endMs: 1800 },
      {
        role: "customer",
        speaker: "Customer",
        text: "I was charged twice. Both on Monday.",
        startMs: 2100,
        endMs: 5000,
      },
      { role: "agent", speaker: "Agent", text: "I will refund one today.", startMs: 5400, endMs: 7600 },
    ]);
  });

  test("a role it does not know is kept as the speaker, with role other", () => {
    const turns = parse("", { Transcript: [{ ParticipantRole: "SUPERVISOR", Content: "Joining." }] }).turns;
    expect(turns).toEqual([{ role: "other", speaker: "SUPERVISOR", text: "Joining." }]);
  });

  test("a segment without Content is a shape error that says where", () => {
    const error = thrown(() => parse("", { Transcript: [{ ParticipantRole: "AGENT" }] }));
    expect(error.code).toBe("malformed-transcript");
    expect(error.message).toContain("`Transcript.0.Content`");
  });
});
