import { promptTemplates } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { judgeRecord, type OutputLine } from "./judge-record.ts";

const summary = {
  overview: "The customer asked for a refund and got one.",
  callReason: "refund",
  resolution: "resolved",
  sentiment: "positive",
  actionItems: [],
};

/** An Anthropic Messages modelOutput, as Bedrock writes it in a batch `.out` line. */
function anthropic(text: string, stop = "end_turn"): OutputLine {
  return {
    recordId: "R0000000001",
    modelOutput: {
      content: [{ type: "text", text }],
      stop_reason: stop,
      usage: { input_tokens: 1200, output_tokens: 90 },
    },
  };
}

const json = promptTemplates["call-summary"];
const prose = promptTemplates.notebook;

describe("judgeRecord", () => {
  test("a valid JSON answer is the summary, with its tokens", () => {
    expect(judgeRecord(anthropic(JSON.stringify(summary)), "anthropic", json)).toEqual({
      ok: true,
      summary,
      inputTokens: 1200,
      outputTokens: 90,
    });
  });

  test("a JSON answer in a Markdown fence, or with words around it, is read from its braces", () => {
    for (const text of [
      `\`\`\`json\n${JSON.stringify(summary)}\n\`\`\``,
      `Here it is: ${JSON.stringify(summary)} Done.`,
    ]) {
      const verdict = judgeRecord(anthropic(text), "anthropic", json);
      expect(verdict.ok && verdict.summary).toEqual(summary);
    }
  });

  test("an answer stopped at max tokens is truncated, even if it parses; its tokens still count", () => {
    const verdict = judgeRecord(anthropic(JSON.stringify(summary), "max_tokens"), "anthropic", json);
    expect(verdict).toMatchObject({
      ok: false,
      failure: { code: "truncated" },
      inputTokens: 1200,
      outputTokens: 90,
    });
  });

  test("not JSON, the wrong enum, a missing field or an empty answer is an invalid summary", () => {
    for (const text of [
      "I cannot summarize this.",
      JSON.stringify({ ...summary, resolution: "done" }),
      JSON.stringify({ overview: "x" }),
      "  ",
    ]) {
      const verdict = judgeRecord(anthropic(text), "anthropic", json);
      expect(verdict, text).toMatchObject({ ok: false, failure: { code: "invalid-summary" } });
    }
  });

  test("extra fields are dropped, not a failure", () => {
    const verdict = judgeRecord(anthropic(JSON.stringify({ ...summary, mood: "great" })), "anthropic", json);
    expect(verdict.ok && verdict.summary).toEqual(summary);
  });

  test("a Bedrock error line is a model error that names the code", () => {
    const verdict = judgeRecord(
      { recordId: "R0000000001", error: { errorCode: 400, errorMessage: "Malformed input request" } },
      "anthropic",
      json,
    );
    expect(verdict).toMatchObject({
      ok: false,
      failure: { code: "model-error", message: "Bedrock error 400: Malformed input request" },
    });
  });

  test("output of another family's shape is an invalid summary, not a crash", () => {
    expect(judgeRecord({ recordId: "R1", modelOutput: { generation: 1 } }, "anthropic", json)).toMatchObject({
      ok: false,
      failure: { code: "invalid-summary" },
    });
  });

  test("the notebook profile's prose is its summary, as text", () => {
    const verdict = judgeRecord(anthropic("  The caller wanted a refund.  "), "anthropic", prose);
    expect(verdict.ok && verdict.summary).toEqual({ text: "The caller wanted a refund." });
  });

  test("Nova's shape is read by its own adapter", () => {
    const line: OutputLine = {
      recordId: "R1",
      modelOutput: {
        output: { message: { content: [{ text: JSON.stringify(summary) }] } },
        stopReason: "end_turn",
        usage: { inputTokens: 10, outputTokens: 5 },
      },
    };
    expect(judgeRecord(line, "nova", json)).toMatchObject({ ok: true, inputTokens: 10, outputTokens: 5 });
  });
});
