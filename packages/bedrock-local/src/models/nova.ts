import { z } from "zod";
import type { ChatCompletion, ChatRequest } from "./backend.ts";
import { assertConversationOrder } from "./conversation-order.ts";
import { malformedInput, parseModelInput } from "./model-input.ts";
import { chatMessagesOf, joinText, textBlocks, textMessages } from "./text-blocks.ts";

/** Nova's output ceiling, used when the body sets none (assumed: the text models' documented maximum). */
const NOVA_DEFAULT_MAX_TOKENS = 5_000;

/**
 * The Amazon Nova messages body. Nova 1 documents snake_case `max_new_tokens`/`top_p`/`top_k` in
 * `inferenceConfig`, Nova 2 and most examples the Converse spellings `maxTokens`/`topP`; both are accepted.
 */
const novaInput = z.strictObject({
  schemaVersion: z.literal("messages-v1").optional(),
  system: textBlocks.optional(),
  messages: textMessages,
  inferenceConfig: z
    .strictObject({
      maxTokens: z.int().positive().optional(),
      max_new_tokens: z.int().positive().optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().min(0).max(1).optional(),
      top_p: z.number().min(0).max(1).optional(),
      topK: z.int().nonnegative().optional(),
      top_k: z.int().nonnegative().optional(),
      stopSequences: z.array(z.string()).optional(),
    })
    .optional(),
});

export function parseNovaInput(modelInput: unknown): ChatRequest {
  const body = parseModelInput(novaInput, modelInput);
  const config = body.inferenceConfig ?? {};
  if (config.maxTokens !== undefined && config.max_new_tokens !== undefined) {
    throw malformedInput("#/inferenceConfig: set either maxTokens or max_new_tokens, not both");
  }
  const messages = chatMessagesOf(body.messages);
  assertConversationOrder(messages);
  return {
    ...(body.system ? { system: joinText(body.system) } : {}),
    messages,
    maxTokens: config.maxTokens ?? config.max_new_tokens ?? NOVA_DEFAULT_MAX_TOKENS,
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
  };
}

export function formatNovaOutput(completion: ChatCompletion) {
  return {
    output: { message: { role: "assistant", content: [{ text: completion.text }] } },
    stopReason: completion.stopReason === "end" ? "end_turn" : "max_tokens",
    usage: {
      inputTokens: completion.inputTokens,
      outputTokens: completion.outputTokens,
      totalTokens: completion.inputTokens + completion.outputTokens,
    },
  };
}
