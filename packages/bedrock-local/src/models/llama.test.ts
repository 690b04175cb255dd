import { describe, expect, test } from "vitest";
import { ModelInputError } from "./backend.ts";
import { formatLlamaOutput, parseLlamaInput, readLlamaPrompt } from "./llama.ts";

const llama3Prompt =
  "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou summarize calls.<|eot_id|>" +
  "<|start_header_id|>user<|end_header_id|>\n\nAgent: Hello.\nCustomer: Hi.<|eot_id|>" +
  "<|start_header_id|>assistant<|end_header_id|>\n\n";

describe("readLlamaPrompt", () => {
  test("reads a Llama 3 chat template into system and messages, dropping the generation cue", () => {
    expect(readLlamaPrompt(llama3Prompt)).toEqual({
      system: "You summarize calls.",
      messages: [{ role: "user", text: "Agent: Hello.\nCustomer: Hi." }],
    });
  });

  test("keeps a Llama 3 assistant prefill", () => {
    expect(readLlamaPrompt(`${llama3Prompt}{`).messages.at(-1)).toEqual({ role: "assistant", text: "{" });
  });

  test("reads a Llama 2 template", () => {
    const prompt =
      "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nSummarize this. [/INST] Sure. </s><s>[INST] Now! [/INST]";
    expect(readLlamaPrompt(prompt)).toEqual({
      system: "Be brief.",
      messages: [
        { role: "user", text: "Summarize this." },
        { role: "assistant", text: "Sure." },
        { role: "user", text: "Now!" },
      ],
    });
  });

  test("takes a prompt without a template as one user message", () => {
    expect(readLlamaPrompt("  Summarize: Agent: Hi.  ")).toEqual({
      messages: [{ role: "user", text: "Summarize: Agent: Hi." }],
    });
  });
});

describe("parseLlamaInput", () => {
  test("uses max_gen_len, or Bedrock's default of 512", () => {
    expect(parseLlamaInput({ prompt: "Hi", max_gen_len: 64, temperature: 0.5, top_p: 0.9 })).toEqual({
      messages: [{ role: "user", text: "Hi" }],
      maxTokens: 64,
      temperature: 0.5,
    });
    expect(parseLlamaInput({ prompt: "Hi" }).maxTokens).toBe(512);
  });

  test.each([
    ["no prompt", { max_gen_len: 10 }, "required key [prompt] not found"],
    ["an empty prompt", { prompt: "" }, "#/prompt"],
    ["max_gen_len 0", { prompt: "x", max_gen_len: 0 }, "#/max_gen_len"],
    ["Anthropic's max_tokens", { prompt: "x", max_tokens: 10 }, "extraneous key [max_tokens]"],
    ["chat messages", { messages: [] }, "extraneous key [messages]"],
  ])("refuses a body with %s", (_, body, detail) => {
    expect(() => parseLlamaInput(body)).toThrow(ModelInputError);
    expect(() => parseLlamaInput(body)).toThrow(detail);
  });
});

test("formatLlamaOutput has Llama's response shape", () => {
  expect(formatLlamaOutput({ text: "Sum.", inputTokens: 30, outputTokens: 2, stopReason: "end" })).toEqual({
    generation: "Sum.",
    prompt_token_count: 30,
    generation_token_count: 2,
    stop_reason: "stop",
  });
  expect(
    formatLlamaOutput({ text: "S", inputTokens: 1, outputTokens: 1, stopReason: "max-tokens" }).stop_reason,
  ).toBe("length");
});
