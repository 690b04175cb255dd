import { transcriptSubmitted } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { estimateTokens, normalizeTranscript } from "./normalize.ts";

const submission = (content: string, extra: Record<string, unknown> = {}) =>
  transcriptSubmitted.data.parse({ transcriptId: "call-1", content, ...extra });

describe("normalizeTranscript", () => {
  test("turns a plain-text call into a canonical transcript with defaults filled in", () => {
    const outcome = normalizeTranscript(
      submission("Agent: Hello.\nCustomer: Hi, my bill is wrong.", { metadata: { tenant: "acme" } }),
    );
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
    expect(outcome.estimatedInputTokens).toBe(
      estimateTokens("Agent: Hello.\nCustomer: Hi, my bill is wrong."),
    );
  });

  test("the version depends on what was said, not on how it was laid out", () => {
    const a = normalizeTranscript(submission("Agent: Hello.\nCustomer: Hi."));
    const b = normalizeTranscript(submission("Agent:   Hello.\r\n\r\nCustomer: Hi.  "));
    const c = normalizeTranscript(submission("Agent: Hello.\nCustomer: Bye."));
    const version = (o: typeof a) => (o.kind === "normalized" ? o.transcript.version : o.code);
    expect(version(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(version(b)).toBe(version(a));
    expect(version(c)).not.toBe(version(a));
  });

  test.each([
    ["empty content", "   \n ", "empty-transcript"],
    ["no speaker lines", "we talked about the bill", "no-speech-turns"],
    ["JSON where text was expected", '[{"speaker":"Agent","text":"Hi"}]', "unknown-format"],
    ["mojibake", "Agent: caf\uFFFD", "bad-encoding"],
    ["more than the inline limit", `Agent: ${"x".repeat(200_001)}`, "oversize"],
  ])("%s is rejected as %s", (_what, content, code) => {
    const outcome = normalizeTranscript(submission(content));
    expect(outcome).toMatchObject({ kind: "rejected", code });
    if (outcome.kind === "rejected") expect(outcome.message.length).toBeGreaterThan(10);
  });
});
