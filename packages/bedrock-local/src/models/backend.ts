/**
 * The contract between the emulator's control plane and its models. A model family (Anthropic, Nova,
 * Llama, Converse) turns a Bedrock `modelInput` into a {@link ChatRequest}, a {@link ModelBackend} answers it,
 * and the family shapes the {@link ChatCompletion} back into that family's real `modelOutput` body.
 */

export interface ChatMessage {
  role: "user" | "assistant";
  text: string;
}

export interface ChatRequest {
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
}

export interface ChatCompletion {
  text: string;
  inputTokens: number;
  outputTokens: number;
  /** Normalized; each family maps it to its own vocabulary (`end_turn`, `max_tokens`, `stop`, `length`…). */
  stopReason: "end" | "max-tokens";
}

export interface ModelBackend {
  readonly name: string;
  complete(request: ChatRequest): Promise<ChatCompletion>;
}

export type ModelFamily = "anthropic" | "nova" | "llama" | "converse";

/** A record whose `modelInput` does not fit its model family: fails that record only, as on Bedrock. */
export class ModelInputError extends Error {
  override readonly name = "ModelInputError";
}
