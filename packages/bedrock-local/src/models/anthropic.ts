import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { ChatCompletion, ChatRequest } from "./backend.ts";
import type { OutputContext } from "./family-codec.ts";
import { baseModelId } from "./model-id.ts";
import { parseModelInput } from "./model-input.ts";

const textBlock = z.strictObject({
  type: z.literal("text", { error: 'only "text" content blocks are supported by the local emulator' }),
  text: z.string(),
  cache_control: z.unknown().optional(),
});
const textContent = z.union([z.string(), z.array(textBlock).min(1)]);

/**
 * The Anthropic Messages body as Bedrock's InvokeModel takes it. Unknown keys are refused, as Bedrock does; so
 * are the features the local models cannot honour (`tools`, `thinking`, images), rather than being ignored.
 * Sampling settings are accepted and have no effect on the deterministic offline model.
 */
const anthropicInput = z.strictObject({
  anthropic_version: z.literal("bedrock-2023-05-31"),
  max_tokens: z.int().positive(),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  messages: z.array(z.strictObject({ role: z.enum(["user", "assistant"]), content: textContent })).min(1),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().nonnegative().optional(),
  stop_sequences: z.array(z.string()).optional(),
});

export function parseAnthropicInput(modelInput: unknown): ChatRequest {
  const body = parseModelInput(anthropicInput, modelInput);
  const system = body.system === undefined ? undefined : textOf(body.system);
  return {
    ...(system ? { system } : {}),
    messages: body.messages.map((m) => ({ role: m.role, text: textOf(m.content) })),
    maxTokens: body.max_tokens,
    ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
  };
}

export function formatAnthropicOutput(completion: ChatCompletion, context: OutputContext) {
  return {
    id: `msg_bdrk_${messageIdSuffix()}`,
    type: "message",
    role: "assistant",
    model: anthropicModelName(context.modelId),
    content: [{ type: "text", text: completion.text }],
    stop_reason: completion.stopReason === "end" ? "end_turn" : "max_tokens",
    stop_sequence: null,
    usage: { input_tokens: completion.inputTokens, output_tokens: completion.outputTokens },
  };
}

/** `us.anthropic.claude-3-haiku-20240307-v1:0` → `claude-3-haiku-20240307`, the name Claude reports itself by. */
export function anthropicModelName(modelId: string): string {
  return baseModelId(modelId).replace(PROVIDER_PREFIX, "").replace(VERSION_SUFFIX, "");
}

const PROVIDER_PREFIX = /^anthropic\./;
const VERSION_SUFFIX = /-v\d+(?::\d+)?$/;

function textOf(content: string | Array<{ text: string }>): string {
  return typeof content === "string" ? content : content.map((block) => block.text).join("\n");
}

const ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789";
const ID_RANDOM_CHARS = 22;
/** Random bytes for this many ids are drawn at once: one draw per id was a noticeable share of a record. */
const IDS_PER_DRAW = 512;
let randomPool = Buffer.alloc(0);
let poolOffset = 0;

/** Bedrock's Claude message ids are `msg_bdrk_01` followed by 22 base-58 characters, unique per response. */
function messageIdSuffix(): string {
  if (poolOffset + ID_RANDOM_CHARS > randomPool.length) {
    randomPool = randomBytes(ID_RANDOM_CHARS * IDS_PER_DRAW);
    poolOffset = 0;
  }
  let suffix = "01";
  for (let i = 0; i < ID_RANDOM_CHARS; i++)
    suffix += ID_ALPHABET[(randomPool[poolOffset + i] ?? 0) % ID_ALPHABET.length];
  poolOffset += ID_RANDOM_CHARS;
  return suffix;
}
