import { validation } from "./errors.ts";
import { requireModelAlive } from "./foundation-models/api.ts";
import type { ModelBackend } from "./models/backend.ts";
import { familyOf, invokeFamily } from "./models/family.ts";

export interface RuntimeResponse {
  body: unknown;
  headers: Record<string, string>;
  /** The tokens this call is billed for. */
  usage: { inputTokens: number; outputTokens: number };
}

/**
 * bedrock-runtime's InvokeModel and Converse, for Recap's on-demand path: the same model families and
 * backend as batch jobs, answering one request at once.
 */
export async function invokeModel(
  backend: ModelBackend,
  modelId: string,
  body: unknown,
  api: "invoke" | "converse",
): Promise<RuntimeResponse> {
  requireModelAlive(modelId);
  const family = familyOf(modelId, api === "converse" ? "Converse" : "InvokeModel");
  if (!family) throw validation(`The provided model identifier is invalid: ${modelId}`);
  const started = Date.now();
  const outcome = await invokeFamily(family, backend, body, modelId);
  if ("error" in outcome) throw validation(outcome.error.errorMessage);
  return {
    body: outcome.modelOutput,
    headers: {
      "x-amzn-bedrock-input-token-count": String(outcome.usage.inputTokens),
      "x-amzn-bedrock-output-token-count": String(outcome.usage.outputTokens),
      "x-amzn-bedrock-invocation-latency": String(Date.now() - started),
    },
    usage: outcome.usage,
  };
}
