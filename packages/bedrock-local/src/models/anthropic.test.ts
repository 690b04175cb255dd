import { describe, expect, test } from "vitest";
import { anthropicModelName, formatAnthropicOutput, parseAnthropicInput } from "./anthropic.ts";
import { ModelInputError } from "./backend.ts";

const valid = {
  anthropic_version: "bedrock-2023-05-31",
  max_tokens: 300,
  system: "You summarize calls.",
  messages: [{ role: "user", content: [{ type: "text", text: "Agent: Hello.\nCustomer: Hi." }] }],
  temperature: 0.2,
};

describe("parseAnthropicInput", () => {
  test("reads system, messages, max_tokens and temperature", () => {
    expect(parseAnthropicInput(valid)).toEqual({
      system: "You summarize calls.",
      messages: [{ role: "user", text: "Agent: Hello.\nCustomer: Hi." }],
      maxTokens: 300,
      temperature: 0.2,
    });
  });

  test("takes string content and system blocks, joining several text blocks", () => {
    const request = parseAnthropicInput({
      anthropic_version: "bedrock-2023-05-31",
      max_tokens: 10,
      system: [{ type: "text", text: "Be brief." }],
      messages: [
        { role: "user", content: "Summarize:" },
        {
          role: "assistant",
          content: [
            { type: "text", text: "{" },
            { type: "text", text: '"a"' },
          ],
        },
      ],
    });
    expect(request.system).toBe("Be brief.");
    expect(request.messages).toEqual([
      { role: "user", text: "Summarize:" },
      { role: "assistant", text: '{\n"a"' },
    ]);
    expect(request).not.toHaveProperty("temperature");
  });

  test.each([
    [
      "no anthropic_version",
      { ...valid, anthropic_version: undefined },
      "#: required key [anthropic_version] not found",
    ],
    ["another anthropic_version", { ...valid, anthropic_version: "2023-06-01" }, "#/anthropic_version"],
    ["no max_tokens", { ...valid, max_tokens: undefined }, "#: required key [max_tokens] not found"],
    ["max_tokens 0", { ...valid, max_tokens: 0 }, "#/max_tokens"],
    ["no messages", { ...valid, messages: undefined }, "#: required key [messages] not found"],
    ["empty messages", { ...valid, messages: [] }, "#/messages"],
    [
      "a system role message",
      { ...valid, messages: [{ role: "system", content: "x" }] },
      "#/messages/0/role",
    ],
    ["numeric content", { ...valid, messages: [{ role: "user", content: 5 }] }, "expected string or array"],
    [
      "an image block",
      { ...valid, messages: [{ role: "user", content: [{ type: "image", source: {} }] }] },
      'only "text" content blocks',
    ],
    ["a Converse-style key", { ...valid, maxTokens: 300 }, "extraneous key [maxTokens] is not permitted"],
    ["temperature above 1", { ...valid, temperature: 1.5 }, "#/temperature"],
  ])("refuses a body with %s", (_, body, detail) => {
    expect(() => parseAnthropicInput(body)).toThrow(ModelInputError);
    expect(() => parseAnthropicInput(body)).toThrow(/^Malformed input request: .*please reformat your input/);
    expect(() => parseAnthropicInput(body)).toThrow(detail);
  });

  test.each([null, "a prompt", [valid], 42])("refuses %j as a body", (body) => {
    expect(() => parseAnthropicInput(body)).toThrow(ModelInputError);
  });
});

describe("formatAnthropicOutput", () => {
  const completion = { text: "A summary.", inputTokens: 120, outputTokens: 4, stopReason: "end" } as const;

  test("has the Messages response shape", () => {
    const output = formatAnthropicOutput(completion, {
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      latencyMs: 5,
    });
    expect(output).toEqual({
      id: expect.stringMatching(/^msg_bdrk_01[1-9A-HJ-NP-Za-km-z]{22}$/),
      type: "message",
      role: "assistant",
      model: "claude-3-haiku-20240307",
      content: [{ type: "text", text: "A summary." }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 120, output_tokens: 4 },
    });
  });

  test("reports a cut answer as max_tokens, under a fresh id each time", () => {
    const context = { modelId: "anthropic.claude-3-haiku-20240307-v1:0", latencyMs: 5 };
    const cut = formatAnthropicOutput({ ...completion, stopReason: "max-tokens" }, context);
    expect(cut.stop_reason).toBe("max_tokens");
    expect(cut.id).not.toBe(formatAnthropicOutput(completion, context).id);
  });

  test("round trip: what a parsed request's completion becomes reads back as the same text", () => {
    const request = parseAnthropicInput(valid);
    const output = formatAnthropicOutput(
      { text: request.messages[0]?.text ?? "", inputTokens: 1, outputTokens: 1, stopReason: "end" },
      { modelId: "anthropic.claude-3-haiku-20240307-v1:0", latencyMs: 1 },
    );
    expect(output.content[0]?.text).toBe("Agent: Hello.\nCustomer: Hi.");
  });
});

test.each([
  ["anthropic.claude-3-haiku-20240307-v1:0", "claude-3-haiku-20240307"],
  ["us.anthropic.claude-3-5-sonnet-20241022-v2:0", "claude-3-5-sonnet-20241022"],
  [
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
    "claude-3-haiku-20240307",
  ],
  ["global.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5-20250929"],
])("anthropicModelName(%s) is %s", (modelId, name) => {
  expect(anthropicModelName(modelId)).toBe(name);
});
