import { describe, expect, test } from "vitest";
import { detect, parse } from "./contact-lens.ts";
import { callAnalytics } from "./fixtures/call-analytics.ts";
import { contactLensChat, contactLensVoice } from "./fixtures/contact-lens.ts";

describe("contact-lens detect", () => {
  test("knows Contact Lens by its VOICE-/CHAT- version, chat transcript version, or ParticipantIds", () => {
    expect(detect("", contactLensVoice)).toBe(true);
    expect(detect("", contactLensChat)).toBe(true);
    expect(detect("", { Transcript: [{ ParticipantId: "x", Content: "hi" }] })).toBe(true);
    expect(detect("", { ChatTranscriptVersion: "2019-08-26", Transcript: [] })).toBe(true);
    expect(detect("", callAnalytics)).toBe(false);
    expect(detect("", { Version: "VOICE-2022-11-30" })).toBe(false);
  });
});

describe("contact-lens voice", () => {
  test("roles through Participants, times from the offsets, duration from the call's characteristics", () => {
    const parsed = parse("", contactLensVoice);
    expect(parsed).toMatchObject({
      format: "contact-lens",
      channel: "voice",
      language: "en-GB",
      durationMs: 9100,
    });
    expect(parsed.turns.map((t) => [t.role, t.speaker, t.startMs, t.endMs])).toEqual([
      ["agent", "Agent", 0, 90],
      ["customer", "Customer", 200, 2500],
      ["agent", "Agent", 2600, 6000],
      ["customer", "Customer", 6200, 9100],
    ]);
    expect(parsed.turns[1]?.text).toBe("Hi, my router keeps dropping.");
  });

  test("a participant known only by an opaque id takes its role from Participants", () => {
    const parsed = parse("", {
      Version: "VOICE-2022-11-30",
      Participants: [{ ParticipantId: "p-7", ParticipantRole: "CUSTOMER" }],
      Transcript: [{ ParticipantId: "p-7", Content: "Hello?", BeginOffsetMillis: 0, EndOffsetMillis: 500 }],
    });
    expect(parsed.turns).toEqual([
      { role: "customer", speaker: "Customer", text: "Hello?", startMs: 0, endMs: 500 },
    ]);
  });
});

describe("contact-lens chat", () => {
  test("messages only (no events, no JSON content), named by display name, timed from the chat's start", () => {
    const parsed = parse("", contactLensChat);
    expect(parsed).toMatchObject({
      format: "contact-lens",
      channel: "chat",
      language: "en-US",
      durationMs: 60_000,
    });
    expect(parsed.turns).toEqual([
      { role: "system", speaker: "SYSTEM_MESSAGE", text: "You are in the queue.", startMs: 2000 },
      { role: "agent", speaker: "Riley", text: "Hi Sam, how can I help?", startMs: 10_000 },
      { role: "customer", speaker: "Sam", text: "My parcel never came. Order 1234.", startMs: 15_500 },
      { role: "agent", speaker: "Riley", text: "I have sent a new one.", startMs: 30_000 },
    ]);
  });

  test("redacted display names give way to the role, so agent and customer stay apart", () => {
    const redacted = structuredClone(contactLensChat);
    for (const entry of redacted.Transcript) {
      if ("DisplayName" in entry && entry.DisplayName !== "SYSTEM_MESSAGE") entry.DisplayName = "[PII]";
    }
    const speakers = parse("", redacted).turns.map((t) => t.speaker);
    expect(speakers).toEqual(["SYSTEM_MESSAGE", "Agent", "Customer", "Agent"]);
  });
});
