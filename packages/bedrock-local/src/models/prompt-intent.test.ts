import { describe, expect, test } from "vitest";
import { DEFAULT_KEYS, readPromptIntent } from "./prompt-intent.ts";

describe("readPromptIntent", () => {
  test("the reference notebook's prompt asks for 250 words of prose", () => {
    const prompt = "Write an accurate 250 word gender-neutral summary of the following text:";
    expect(readPromptIntent(prompt, "")).toEqual({ format: "prose", words: 250 });
  });

  test.each([
    ["Summarize this call in no more than 80 words.", 80],
    ["Give a 120-word summary.", 120],
    ["Summarize in two sentences.", 40],
    ["Summarize the call.", undefined],
  ])("prose length from %j", (prompt, words) => {
    expect(readPromptIntent(prompt, "")).toEqual({ format: "prose", words });
  });

  test("a prompt that says JSON without naming keys gets Recap's five keys", () => {
    expect(readPromptIntent("Respond with a JSON object summarizing the call.", "")).toEqual({
      format: "json",
      keys: DEFAULT_KEYS,
    });
  });

  test("an assistant prefill of `{` asks for JSON", () => {
    expect(readPromptIntent("Summarize the call.", "{").format).toBe("json");
  });

  test("keys named in an example object are used as spelled, in order", () => {
    const prompt =
      'Return {"summary": "...", "reason": "...", "next_steps": ["..."], "priority": "low|high"}';
    expect(readPromptIntent(prompt, "")).toEqual({
      format: "json",
      keys: [
        { name: "summary", field: "overview" },
        { name: "reason", field: "callReason" },
        { name: "next_steps", field: "actionItems" },
        { name: "priority", field: undefined },
      ],
    });
  });

  test("keys in a JSON Schema, not the schema's own words", () => {
    const schema = JSON.stringify({
      type: "object",
      properties: {
        overview: { type: "string" },
        sentiment: { type: "string", enum: ["positive", "negative"] },
      },
      required: ["overview", "sentiment"],
    });
    const intent = readPromptIntent(`Answer in JSON matching this schema: ${schema}`, "");
    expect(intent).toEqual({
      format: "json",
      keys: [
        { name: "overview", field: "overview" },
        { name: "sentiment", field: "sentiment" },
      ],
    });
  });

  test("keys listed in words or backticks", () => {
    const listed = readPromptIntent(
      "Reply in JSON with the keys callReason, resolution and actionItems.",
      "",
    );
    expect(listed).toMatchObject({
      keys: [{ name: "callReason" }, { name: "resolution" }, { name: "actionItems" }],
    });
    const backticked = readPromptIntent("Output JSON: `overview` (string) and `customer_sentiment`.", "");
    expect(backticked).toMatchObject({
      keys: [
        { name: "overview", field: "overview" },
        { name: "customer_sentiment", field: "sentiment" },
      ],
    });
  });

  test("one field named twice becomes one key, the first name given", () => {
    const intent = readPromptIntent('JSON like {"summary": "", "overview": ""}', "");
    expect(intent).toEqual({ format: "json", keys: [{ name: "summary", field: "overview" }] });
  });
});
