import { formatAnthropicOutput, parseAnthropicInput } from "./anthropic.ts";
import { type ModelBackend, type ModelFamily, ModelInputError } from "./backend.ts";
import { formatConverseOutput, parseConverseInput } from "./converse.ts";
import type { FamilyCodec } from "./family-codec.ts";
import { formatLlamaOutput, parseLlamaInput } from "./llama.ts";
import { baseModelId } from "./model-id.ts";
import { formatNovaOutput, parseNovaInput } from "./nova.ts";

const codecs: Record<ModelFamily, FamilyCodec> = {
  anthropic: { parse: parseAnthropicInput, format: formatAnthropicOutput },
  nova: { parse: parseNovaInput, format: formatNovaOutput },
  llama: { parse: parseLlamaInput, format: formatLlamaOutput },
  converse: { parse: parseConverseInput, format: formatConverseOutput },
};

/** Model-id prefixes (after any ARN and inference-profile prefix) of the families the emulator speaks. */
const FAMILY_BY_PREFIX: ReadonlyArray<[prefix: string, family: ModelFamily]> = [
  ["anthropic.claude", "anthropic"],
  ["amazon.nova", "nova"],
  ["meta.llama", "llama"],
];
/** Models under those prefixes that do not chat in text: image, video, speech and embedding models. */
const NOT_TEXT_CHAT = /canvas|reel|sonic|embed/;

/**
 * The body shapes a job's records must have. Converse jobs use the Converse shape whatever the model; otherwise
 * the model id decides, read through inference-profile ids and ARNs. `undefined`: a model the emulator cannot
 * speak for (Titan, Cohere, Nova Canvas, an application inference profile…), which the control plane rejects.
 */
export function familyOf(
  modelId: string,
  invocationType: "InvokeModel" | "Converse",
): ModelFamily | undefined {
  if (invocationType === "Converse") return "converse";
  const id = baseModelId(modelId);
  if (NOT_TEXT_CHAT.test(id)) return undefined;
  return FAMILY_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1];
}

/** A record's result; `usage` feeds the job manifest's token counts and the runtime's token headers. */
export type RecordOutcome =
  | { modelOutput: unknown; usage: { inputTokens: number; outputTokens: number } }
  | { error: { errorCode: number; errorMessage: string } };

/**
 * One record through its family and a backend, ending as Bedrock writes it to the `.out` file: a model output,
 * or an error that fails this record only (400 for a body that does not fit, 500 when the backend fails).
 */
export async function invokeFamily(
  family: ModelFamily,
  backend: ModelBackend,
  modelInput: unknown,
  modelId: string,
): Promise<RecordOutcome> {
  const codec = codecs[family];
  try {
    const request = codec.parse(modelInput);
    const started = performance.now();
    const completion = await backend.complete(request);
    return {
      modelOutput: codec.format(completion, { modelId, latencyMs: performance.now() - started }),
      usage: { inputTokens: completion.inputTokens, outputTokens: completion.outputTokens },
    };
  } catch (error) {
    if (error instanceof ModelInputError) return { error: { errorCode: 400, errorMessage: error.message } };
    const reason = error instanceof Error ? error.message : String(error);
    return {
      error: {
        errorCode: 500,
        errorMessage: `InternalServerException: the model backend "${backend.name}" failed: ${reason}`,
      },
    };
  }
}
