import { describe, expect, test } from "vitest";
import { ModelInputError } from "./backend.ts";
import { formatConverseOutput, parseConverseInput } from "./converse.ts";

const user = (text: string) => ({ role: "user", content: [{ text }] });

describe("parseConverseInput", () => {
  test("reads messages, system and inferenceConfig", () => {
    expect(
      parseConverseInput({
        messages: [user("Agent: Hi.")],
        system: [{ text: "Be brief." }, { text: "Answer in JSON." }],
        inferenceConfig: { maxTokens: 400, temperature: 0 },
      }),
    ).toEqual({
      system: "Be brief.\nAnswer in JSON.",
      messages: [{ role: "user", text: "Agent: Hi." }],
      maxTokens: 400,
      temperature: 0,
    });
  });

  test("falls back to a default output limit", () => {
    expect(parseConverseInput({ messages: [user("x")] }).maxTokens).toBe(4_096);
  });

  test.each([
    ["no messages", { system: [{ text: "x" }] }, "required key [messages] not found"],
    ["tools", { messages: [user("x")], toolConfig: { tools: [] } }, "extraneous key [toolConfig]"],
    [
      "Nova's snake_case limit",
      { messages: [user("x")], inferenceConfig: { max_new_tokens: 5 } },
      "max_new_tokens",
    ],
    [
      "a document block",
      { messages: [{ role: "user", content: [{ document: {} }] }] },
      "extraneous key [document]",
    ],
    [
      "an assistant first",
      { messages: [{ role: "assistant", content: [{ text: "x" }] }] },
      "start with a user",
    ],
  ])("refuses a body with %s", (_, body, detail) => {
    expect(() => parseConverseInput(body)).toThrow(ModelInputError);
    expect(() => parseConverseInput(body)).toThrow(detail);
  });
});

test("formatConverseOutput is the Converse response, latency in whole milliseconds", () => {
  const output = formatConverseOutput(
    { text: "Sum.", inputTokens: 10, outputTokens: 2, stopReason: "end" },
    { modelId: "anthropic.claude-3-haiku-20240307-v1:0", latencyMs: 12.6 },
  );
  expect(output).toEqual({
    output: { message: { role: "assistant", content: [{ text: "Sum." }] } },
    stopReason: "end_turn",
    usage: { inputTokens: 10, outputTokens: 2, totalTokens: 12 },
    metrics: { latencyMs: 13 },
  });
});
