import { resolveProfile, type SummaryProfile, transcriptSubmitted } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { estimateTokens } from "./estimate-tokens.ts";
import { normalizeTranscript } from "./normalize.ts";

const submission = (content: string, extra: Record<string, unknown> = {}) =>
  transcriptSubmitted.data.parse({ transcriptId: "call-1", content, ...extra });
const normalize = (
  content: string,
  extra: Record<string, unknown> = {},
  profile: SummaryProfile = resolveProfile("default").profile,
) => normalizeTranscript(submission(content, extra), content, profile);

describe("normalizeTranscript", () => {
  test("turns a plain-text call into a canonical transcript with defaults filled in", () => {
    const outcome = normalize("Agent: Hello.\nCustomer: Hi, my bill is wrong.", {
      metadata: { tenant: "acme" },
    });
    expect(outcome.kind).toBe("normalized");
    if (outcome.kind !== "normalized") return;
    expect(outcome.transcript).toMatchObject({
      schemaVersion: 1,
      transcriptId: "call-1",
      sourceFormat: "plain-text",
      language: "en",
      channel: "voice",
      profile: "default",
      metadata: { tenant: "acme" },
    });
    expect(outcome.transcript.turns).toHaveLength(2);
    expect(outcome.transcript.redactions).toBeUndefined();
    expect(outcome.estimatedInputTokens).toBe(
      estimateTokens("Agent: Hello.\nCustomer: Hi, my bill is wrong."),
    );
  });

  test("detects the format and takes duration and channel from the source", () => {
    const vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<v Agent>Hello, thanks for calling.\n\n00:00:04.000 --> 00:00:07.250\n<v Customer>My order is late.\n";
    const outcome = normalize(vtt);
    if (outcome.kind !== "normalized") throw new Error(`rejected: ${outcome.message}`);
    expect(outcome.transcript.sourceFormat).toBe("webvtt");
    expect(outcome.transcript.durationMs).toBe(7250);
    expect(outcome.transcript.turns.map((t) => [t.role, t.startMs])).toEqual([
      ["agent", 1000],
      ["customer", 4000],
    ]);
  });

  test("what the producer states wins over what the source suggests", () => {
    const outcome = normalize("Agent: Hi.\nCustomer: Hello.", { language: "pt-PT", channel: "chat" });
    expect(outcome).toMatchObject({ kind: "normalized", transcript: { language: "pt-PT", channel: "chat" } });
  });

  test("the version depends on what was said, not on how it was laid out", () => {
    const version = (o: ReturnType<typeof normalize>) =>
      o.kind === "normalized" ? o.transcript.version : o.code;
    const a = normalize("Agent: Hello.\nCustomer: Hi.");
    expect(version(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(version(normalize("Agent:   Hello.\r\n\r\nCustomer: Hi.  "))).toBe(version(a));
    expect(version(normalize("Agent: Hello.\nCustomer: Bye."))).not.toBe(version(a));
  });

  test("a redacting profile replaces personal data and records how much", () => {
    const outcome = normalize(
      "Agent: Can I have your email?\nCustomer: It is jane.doe@example.com and my card is 4111 1111 1111 1111.",
      { profile: "redacted" },
      resolveProfile("redacted").profile,
    );
    if (outcome.kind !== "normalized") throw new Error(`rejected: ${outcome.message}`);
    expect(outcome.transcript.turns[1]?.text).toBe("It is [EMAIL] and my card is [CARD].");
    expect(outcome.transcript.redactions).toEqual({ email: 1, card: 1 });
  });

  test("a transcript over the profile's token budget is rejected as too-long, not truncated", () => {
    const tight = { ...resolveProfile("default").profile, maxTranscriptTokens: 20 };
    const outcome = normalize(`Agent: ${"words ".repeat(40)}\nCustomer: ok`, {}, tight);
    expect(outcome).toMatchObject({ kind: "rejected", code: "too-long" });
  });

  // Each message must tell the sender what to do, so it is checked for the words that say it.
  test.each([
    ["empty content", "   \n ", "empty-transcript", /empty: send the text of the call/],
    [
      "no speaker lines",
      "we talked about the bill",
      "no-speech-turns",
      /read as plain-text, but it holds no speech turns/,
    ],
    [
      "JSON of a shape no format has",
      '{"hello":"world"}',
      "unknown-format",
      /JSON of an unknown shape; expected one of: /,
    ],
    ["mojibake", "Agent: caf\uFFFD", "bad-encoding", /U\+FFFD .*decoded with the wrong encoding/],
    [
      "more than the inline limit",
      `Agent: ${"x".repeat(200_001)}`,
      "oversize",
      /the limit is \d+: upload it under raw\/ and send contentUri/,
    ],
  ])("%s is rejected as %s", (_what, content, code, message) => {
    expect(normalize(content)).toMatchObject({
      kind: "rejected",
      code,
      message: expect.stringMatching(message),
    });
  });
});
