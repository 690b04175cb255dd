import { z } from "zod";
import type { ModelFamily } from "./family.ts";

/** What any family's `modelOutput` says, in one vocabulary. */
export interface ModelAnswer {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** `max-tokens`: the answer was cut off, so it cannot be trusted as a whole summary. */
  stopReason: "end" | "max-tokens" | "other";
}

export class UnreadableModelOutputError extends Error {
  override readonly name = "UnreadableModelOutputError";
}

const tokens = z.number().int().nonnegative();
const anthropicOutput = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullable(),
  usage: z.object({ input_tokens: tokens, output_tokens: tokens }),
});
const messageOutput = z.object({
  output: z.object({ message: z.object({ content: z.array(z.object({ text: z.string().optional() })) }) }),
  stopReason: z.string(),
  usage: z.object({ inputTokens: tokens, outputTokens: tokens }),
});
const llamaOutput = z.object({
  generation: z.string(),
  prompt_token_count: tokens,
  generation_token_count: tokens,
  stop_reason: z.string().nullable(),
});

/** Reads a record's `modelOutput` (or an InvokeModel response body) with its family's shape. */
export function readModelOutput(family: ModelFamily, body: unknown): ModelAnswer {
  switch (family) {
    case "anthropic": {
      const out = parse(anthropicOutput, body, family);
      return {
        text: out.content
          .flatMap((block) => (block.type === "text" && block.text ? [block.text] : []))
          .join(""),
        inputTokens: out.usage.input_tokens,
        outputTokens: out.usage.output_tokens,
        stopReason: stop(out.stop_reason, ["end_turn", "stop_sequence"], ["max_tokens"]),
      };
    }
    case "nova":
    case "converse": {
      const out = parse(messageOutput, body, family);
      return {
        text: out.output.message.content.map((block) => block.text ?? "").join(""),
        inputTokens: out.usage.inputTokens,
        outputTokens: out.usage.outputTokens,
        stopReason: stop(out.stopReason, ["end_turn", "stop_sequence"], ["max_tokens"]),
      };
    }
    case "llama": {
      const out = parse(llamaOutput, body, family);
      return {
        text: out.generation,
        inputTokens: out.prompt_token_count,
        outputTokens: out.generation_token_count,
        stopReason: stop(out.stop_reason, ["stop"], ["length"]),
      };
    }
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown, family: ModelFamily): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new UnreadableModelOutputError(`not a ${family} model output: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

function stop(reason: string | null, ends: string[], cuts: string[]): ModelAnswer["stopReason"] {
  if (reason !== null && ends.includes(reason)) return "end";
  if (reason !== null && cuts.includes(reason)) return "max-tokens";
  return "other";
}
