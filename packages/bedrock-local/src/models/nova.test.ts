import { describe, expect, test } from "vitest";
import { ModelInputError } from "./backend.ts";
import { formatNovaOutput, parseNovaInput } from "./nova.ts";

const user = (text: string) => ({ role: "user", content: [{ text }] });
const assistant = (text: string) => ({ role: "assistant", content: [{ text }] });

describe("parseNovaInput", () => {
  test("reads system, messages and inferenceConfig", () => {
    expect(
      parseNovaInput({
        schemaVersion: "messages-v1",
        system: [{ text: "You summarize calls." }],
        messages: [user("Agent: Hello.")],
        inferenceConfig: { maxTokens: 256, temperature: 0.3, topP: 0.9 },
      }),
    ).toEqual({
      system: "You summarize calls.",
      messages: [{ role: "user", text: "Agent: Hello." }],
      maxTokens: 256,
      temperature: 0.3,
    });
  });

  test("takes Nova 1's max_new_tokens, and a default when no limit is set", () => {
    expect(parseNovaInput({ messages: [user("x")], inferenceConfig: { max_new_tokens: 77 } }).maxTokens).toBe(
      77,
    );
    expect(parseNovaInput({ messages: [user("x")] }).maxTokens).toBe(5_000);
  });

  test("keeps an assistant prefill after the user turn", () => {
    expect(parseNovaInput({ messages: [user("x"), assistant("{")] }).messages.at(-1)).toEqual({
      role: "assistant",
      text: "{",
    });
  });

  test.each([
    ["no messages", {}, "#: required key [messages] not found"],
    ["an image block", { messages: [{ role: "user", content: [{ image: {} }] }] }, "extraneous key [image]"],
    ["string content", { messages: [{ role: "user", content: "hi" }] }, "#/messages/0/content"],
    [
      "both token limits",
      { messages: [user("x")], inferenceConfig: { maxTokens: 5, max_new_tokens: 5 } },
      "either maxTokens or max_new_tokens",
    ],
    ["an Anthropic key", { messages: [user("x")], max_tokens: 5 }, "extraneous key [max_tokens]"],
    ["an assistant first", { messages: [assistant("x"), user("y")] }, "must start with a user message"],
    [
      "two user turns in a row",
      { messages: [user("x"), user("y")] },
      "must alternate between user and assistant",
    ],
  ])("refuses a body with %s", (_, body, detail) => {
    expect(() => parseNovaInput(body)).toThrow(ModelInputError);
    expect(() => parseNovaInput(body)).toThrow(detail);
  });
});

test("formatNovaOutput has Nova's response shape with total tokens", () => {
  expect(
    formatNovaOutput({ text: "Sum.", inputTokens: 50, outputTokens: 2, stopReason: "max-tokens" }),
  ).toEqual({
    output: { message: { role: "assistant", content: [{ text: "Sum." }] } },
    stopReason: "max_tokens",
    usage: { inputTokens: 50, outputTokens: 2, totalTokens: 52 },
  });
});
