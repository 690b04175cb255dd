import { baseModelId } from "@recap/bedrock-local/models/model-id";
import type { BatchQuotas } from "@recap/shared/config/schema";
import { type BatchQuotaField, BEDROCK_BATCH_QUOTAS, toServiceQuotasUnit } from "./bedrock-batch-quotas.ts";

/** An account's applied quota values by quota code, in Service Quotas' units (GB for sizes). */
export type AppliedValues = Record<string, number>;

export interface AppliedFromModels {
  applied: AppliedValues;
  /** Model ids the catalogue does not know: Service Quotas has no name or code for them, so none is applied. */
  uncatalogued: string[];
}

/**
 * The applied values of an account whose quotas are `quotas` (Recap's `BatchQuotas`, keyed by model id, an
 * inference-profile id or ARN naming its base model): a value is applied only where it differs from AWS's
 * default, as if the account had it raised or lowered. Where it equals the default, AWS has no applied value
 * and ListServiceQuotas leaves the quota out.
 */
export function appliedFromModels(quotas: Record<string, Partial<BatchQuotas>>): AppliedFromModels {
  const applied: AppliedValues = {};
  const uncatalogued: string[] = [];
  for (const [modelId, values] of Object.entries(quotas)) {
    const own = BEDROCK_BATCH_QUOTAS.filter((q) => q.modelId === baseModelId(modelId));
    if (own.length === 0) {
      uncatalogued.push(modelId);
      continue;
    }
    for (const quota of own) {
      const value = values[quota.field];
      if (value === undefined) continue;
      const inUnit = toServiceQuotasUnit(quota.field, value);
      if (inUnit !== quota.defaultValue) applied[quota.QuotaCode] = inUnit;
    }
  }
  return { applied, uncatalogued };
}

/** The catalogued quota code of a model's quota, for tests and admin calls that name quotas by model. */
export function quotaCodeOf(modelId: string, field: BatchQuotaField): string {
  const quota = BEDROCK_BATCH_QUOTAS.find((q) => q.modelId === baseModelId(modelId) && q.field === field);
  if (!quota) throw new Error(`no catalogued ${field} quota for ${modelId}`);
  return quota.QuotaCode;
}
