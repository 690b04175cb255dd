import { z } from "zod";
import type { ChatCompletion, ChatRequest } from "./backend.ts";
import { assertConversationOrder } from "./conversation-order.ts";
import type { OutputContext } from "./family-codec.ts";
import { parseModelInput } from "./model-input.ts";
import { formatNovaOutput } from "./nova.ts";
import { chatMessagesOf, joinText, textBlocks, textMessages } from "./text-blocks.ts";

/** Stand-in for the model's own output ceiling when a Converse body sets no `maxTokens`. */
const CONVERSE_DEFAULT_MAX_TOKENS = 4_096;

/**
 * A Converse request body as a batch record carries it (`modelInvocationType: "Converse"`, any model). Fields the
 * local models cannot honour (`toolConfig`, `guardrailConfig`, `additionalModelRequestFields`…) fail the record
 * as unknown keys rather than being ignored.
 */
const converseInput = z.strictObject({
  messages: textMessages,
  system: textBlocks.optional(),
  inferenceConfig: z
    .strictObject({
      maxTokens: z.int().positive().optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().min(0).max(1).optional(),
      stopSequences: z.array(z.string()).optional(),
    })
    .optional(),
});

export function parseConverseInput(modelInput: unknown): ChatRequest {
  const body = parseModelInput(converseInput, modelInput);
  const messages = chatMessagesOf(body.messages);
  assertConversationOrder(messages);
  const config = body.inferenceConfig ?? {};
  return {
    ...(body.system ? { system: joinText(body.system) } : {}),
    messages,
    maxTokens: config.maxTokens ?? CONVERSE_DEFAULT_MAX_TOKENS,
    ...(config.temperature === undefined ? {} : { temperature: config.temperature }),
  };
}

/** Converse answers in Nova's shape (Nova speaks Converse natively) plus the call's latency. */
export function formatConverseOutput(completion: ChatCompletion, context: OutputContext) {
  return { ...formatNovaOutput(completion), metrics: { latencyMs: Math.round(context.latencyMs) } };
}
