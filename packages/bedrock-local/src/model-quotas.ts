import { type BatchQuotas, DEFAULT_QUOTAS } from "./config.ts";
import { baseModelId } from "./models/model-id.ts";

/** A model id, inference-profile id or ARN → the quotas its jobs are held to. */
export type QuotasOf = (modelId: string) => BatchQuotas;

/**
 * Quotas are per base model on Bedrock: a job through `us.anthropic.claude-3-haiku…` or the model's ARN
 * counts against Claude 3 Haiku's. So both the keys of `modelQuotas` and the ids asked about are read
 * through `baseModelId`. Per model: Bedrock's defaults, then `quotas`, then that model's own entry.
 */
export function quotasByModel(
  quotas: Partial<BatchQuotas> = {},
  modelQuotas: Record<string, Partial<BatchQuotas>> = {},
): QuotasOf {
  const fallback: BatchQuotas = { ...DEFAULT_QUOTAS, ...definedOnly(quotas) };
  const byBase = new Map<string, BatchQuotas>(
    Object.entries(modelQuotas).map(([id, own]) => [baseModelId(id), { ...fallback, ...definedOnly(own) }]),
  );
  return (modelId) => byBase.get(baseModelId(modelId)) ?? fallback;
}

/** `{ maxActiveJobs: undefined }` means "not set", not "no quota": it must not hide the default. */
function definedOnly(quotas: Partial<BatchQuotas>): Partial<BatchQuotas> {
  return Object.fromEntries(Object.entries(quotas).filter(([, value]) => value !== undefined));
}
