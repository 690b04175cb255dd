import type { ChatCompletion, ChatRequest } from "./backend.ts";

/** What a family's output body may need beyond the completion itself. */
export interface OutputContext {
  /** As the job named it: model id, inference-profile id or ARN. */
  modelId: string;
  /** Wall time the backend took, reported by Converse as `metrics.latencyMs`. */
  latencyMs: number;
}

/** One model family's body shapes: its `modelInput` read into a chat request, a completion written back. */
export interface FamilyCodec {
  parse(modelInput: unknown): ChatRequest;
  format(completion: ChatCompletion, context: OutputContext): unknown;
}
