import { formatAnthropicOutput, parseAnthropicInput } from "@recap/bedrock-local/models/anthropic";
import { formatConverseOutput, parseConverseInput } from "@recap/bedrock-local/models/converse";
import { formatLlamaOutput, parseLlamaInput } from "@recap/bedrock-local/models/llama";
import { formatNovaOutput, parseNovaInput } from "@recap/bedrock-local/models/nova";
import { buildModelInput, type ModelFamily, promptTemplates, readModelOutput } from "@recap/shared";
import { describe, expect, test } from "vitest";

/**
 * Recap's family adapters (shared/src/models) against the local Bedrock's, which were written from Bedrock's
 * documented bodies: what Recap sends must parse as that family's request, and what that family answers must
 * read back as the same text, tokens and stop reason.
 */
const emulator = {
  anthropic: { parse: parseAnthropicInput, format: formatAnthropicOutput },
  nova: { parse: parseNovaInput, format: formatNovaOutput },
  llama: { parse: parseLlamaInput, format: formatLlamaOutput },
  converse: { parse: parseConverseInput, format: formatConverseOutput },
} as const;
const transcript = { turns: [{ role: "agent" as const, speaker: "Agent", text: "Hello, how can I help?" }] };
const context = { modelId: "anthropic.claude-3-haiku-20240307-v1:0", latencyMs: 12 };

describe.each(Object.keys(emulator) as ModelFamily[])("the %s family", (family) => {
  test("a call-summary record is a valid request, with its system prompt, user text and limits", () => {
    const prompt = promptTemplates["call-summary"].render(transcript);
    const request = emulator[family].parse(
      buildModelInput(family, prompt, { maxTokens: 321, temperature: 0 }),
    );
    expect(request.maxTokens).toBe(321);
    expect(request.system).toBe(prompt.system);
    expect(request.messages.at(-1)?.text).toContain("Agent: Hello, how can I help?");
  });

  test.each([
    ["end", "end"],
    ["max-tokens", "max-tokens"],
  ] as const)("its output reads back as text, token counts and stop reason (%s)", (stop, expected) => {
    const body = emulator[family].format(
      { text: '{"overview":"A call."}', inputTokens: 42, outputTokens: 7, stopReason: stop },
      context,
    );
    expect(readModelOutput(family, body)).toEqual({
      text: '{"overview":"A call."}',
      inputTokens: 42,
      outputTokens: 7,
      stopReason: expected,
    });
  });
});

test("the notebook prompt is the reference notebook's, word for word", () => {
  expect(promptTemplates.notebook.render(transcript).user).toBe(
    "Write an accurate 250 word gender-neutral summary of the following text: <text>Agent: Hello, how can I help?</text>",
  );
  expect(promptTemplates.notebook.render(transcript).system).toBeUndefined();
});
