import type { PromptText } from "../prompts/templates.ts";
import type { ModelFamily } from "./family.ts";

export interface Generation {
  maxTokens: number;
  temperature?: number;
}

/** A prompt in the body shape of its model family: what a batch record's `modelInput` and InvokeModel take. */
export function buildModelInput(family: ModelFamily, prompt: PromptText, generation: Generation): object {
  const { maxTokens, temperature } = generation;
  switch (family) {
    case "anthropic":
      return {
        anthropic_version: "bedrock-2023-05-31",
        max_tokens: maxTokens,
        ...(prompt.system ? { system: prompt.system } : {}),
        messages: [{ role: "user", content: [{ type: "text", text: prompt.user }] }],
        ...(temperature === undefined ? {} : { temperature }),
      };
    case "nova":
    case "converse":
      return {
        ...(prompt.system ? { system: [{ text: prompt.system }] } : {}),
        messages: [{ role: "user", content: [{ text: prompt.user }] }],
        inferenceConfig: { maxTokens, ...(temperature === undefined ? {} : { temperature }) },
      };
    case "llama":
      return {
        prompt: llamaPrompt(prompt),
        max_gen_len: maxTokens,
        ...(temperature === undefined ? {} : { temperature }),
      };
  }
}

/** Llama 3's chat template, which InvokeModel expects the caller to apply. */
function llamaPrompt(prompt: PromptText): string {
  const turn = (role: string, text: string) =>
    `<|start_header_id|>${role}<|end_header_id|>\n\n${text}<|eot_id|>`;
  return (
    "<|begin_of_text|>" +
    (prompt.system ? turn("system", prompt.system) : "") +
    turn("user", prompt.user) +
    "<|start_header_id|>assistant<|end_header_id|>\n\n"
  );
}
