/** Bedrock's request and response bodies differ by model family; Converse is one shape for every model. */
export type ModelFamily = "anthropic" | "nova" | "llama" | "converse";

const PROFILE_PREFIX = /^(?:us|us-gov|eu|apac|ap|ca|jp|au|global)\./;
const FAMILY_BY_PREFIX: ReadonlyArray<[prefix: string, family: ModelFamily]> = [
  ["anthropic.claude", "anthropic"],
  ["amazon.nova", "nova"],
  ["meta.llama", "llama"],
];

/** The foundation model behind a model id, cross-region inference-profile id or ARN. */
export function baseModelId(modelId: string): string {
  const resource = modelId.startsWith("arn:") ? modelId.slice(modelId.lastIndexOf("/") + 1) : modelId;
  return resource.replace(PROFILE_PREFIX, "");
}

export class UnsupportedModelError extends Error {
  override readonly name = "UnsupportedModelError";
}

/** The body shapes a record for this model takes. Converse works for any model; InvokeModel needs a family. */
export function familyOf(modelId: string, invocationType: "InvokeModel" | "Converse"): ModelFamily {
  if (invocationType === "Converse") return "converse";
  const id = baseModelId(modelId);
  const family = FAMILY_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1];
  if (!family) {
    throw new UnsupportedModelError(
      `Recap has no InvokeModel body adapter for ${modelId}; use invocationType "Converse" for it`,
    );
  }
  return family;
}
