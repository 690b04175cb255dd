import {
  ListServiceQuotasCommand,
  type ServiceQuota,
  type ServiceQuotasClient,
} from "@aws-sdk/client-service-quotas";
import type { BatchQuotas, ModelConfig } from "./config/schema.ts";

export interface AccountQuotas {
  quotas: BatchQuotas;
  /** `account`: at least one value came from Service Quotas (the rest from configuration); else `configuration`. */
  source: "account" | "configuration";
  /** Why configuration was used for everything, for the caller's log. */
  reason?: string;
}

/**
 * How Service Quotas names each batch quota of a model (ServiceCode `bedrock`), before ` for {quotaName}`.
 * Exactly as AWS writes them: a name is matched whole and case-sensitively.
 */
const QUOTA_NAMES: Record<keyof BatchQuotas, string> = {
  minRecordsPerJob: "Minimum number of records per batch inference job",
  maxRecordsPerJob: "Records per batch inference job",
  maxRecordsPerFile: "Records per input file per batch inference job",
  maxInputFileBytes: "Batch inference input file size (in GB)",
  maxJobInputBytes: "Batch inference job size (in GB)",
  maxActiveJobs: "Sum of in-progress and submitted batch inference jobs using a base model",
};
const IN_GB: ReadonlySet<keyof BatchQuotas> = new Set(["maxInputFileBytes", "maxJobInputBytes"]);
/** Service Quotas' GB, counted as Recap's configuration counts it (recap.config.ts: 1 GB = 1024 MB). */
const GB = 1024 ** 3;

/** Lambda containers are reused: an answer serves every invocation for this long. */
const CACHE_MS = 10 * 60_000;
/** A failed read is retried sooner: a throttled cold start should not pin configuration for ten minutes. */
const FAILED_CACHE_MS = 60_000;
/** Bedrock lists a few hundred quotas; a listing that never ends is a fault, not more quotas. */
const MAX_PAGES = 100;

const cache = new Map<string, { until: number; answer: Promise<AccountQuotas> }>();

/**
 * The account's batch quotas for one model, from Service Quotas, each missing one taken from `model.quotas`.
 * Never throws: when Service Quotas cannot be read (access denied, no endpoint, throttled after the SDK's
 * own retries), the configured quotas are the answer, since quotas must not stop the pipeline. Cached per
 * model id in the process; concurrent callers share one read.
 */
export function readAccountQuotas(
  client: ServiceQuotasClient,
  modelId: string,
  model: ModelConfig,
): Promise<AccountQuotas> {
  const now = Date.now();
  const cached = cache.get(modelId);
  if (cached && cached.until > now) return cached.answer;
  const answer: Promise<AccountQuotas> = listBatchQuotas(client, model.quotaName).then(
    (found) => fromAccount(model, found),
    (error: unknown) => {
      const entry = cache.get(modelId);
      if (entry?.answer === answer) entry.until = Date.now() + FAILED_CACHE_MS;
      return configured(model, `Service Quotas could not be read: ${errorName(error)}`);
    },
  );
  cache.set(modelId, { until: now + CACHE_MS, answer });
  return answer;
}

/** Pages through ListServiceQuotas until all six quotas of the model are found or the list ends. */
async function listBatchQuotas(
  client: ServiceQuotasClient,
  quotaName: string,
): Promise<Partial<Record<keyof BatchQuotas, number>>> {
  const wanted = new Map(
    (Object.entries(QUOTA_NAMES) as [keyof BatchQuotas, string][]).map(([field, prefix]) => [
      `${prefix} for ${quotaName}`,
      field,
    ]),
  );
  const found: Partial<Record<keyof BatchQuotas, number>> = {};
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.send(
      new ListServiceQuotasCommand({ ServiceCode: "bedrock", NextToken: nextToken }),
    );
    for (const quota of answer.Quotas ?? []) {
      const field = quota.QuotaName ? wanted.get(quota.QuotaName) : undefined;
      const value = field ? configuredUnit(field, quota) : undefined;
      if (field && value !== undefined && found[field] === undefined) found[field] = value;
    }
    nextToken = answer.NextToken;
    if (!nextToken || Object.keys(found).length === wanted.size) break;
  }
  return found;
}

/** The quota in the configuration's unit (bytes for sizes); `undefined` for a value no quota can have. */
function configuredUnit(field: keyof BatchQuotas, quota: ServiceQuota): number | undefined {
  if (quota.Value === undefined || !Number.isFinite(quota.Value) || quota.Value <= 0) return undefined;
  return Math.round(IN_GB.has(field) ? quota.Value * GB : quota.Value);
}

function fromAccount(model: ModelConfig, found: Partial<Record<keyof BatchQuotas, number>>): AccountQuotas {
  if (Object.keys(found).length === 0) {
    return configured(model, `Service Quotas lists no batch quota for ${model.quotaName}`);
  }
  return { quotas: { ...model.quotas, ...found }, source: "account" };
}

function configured(model: ModelConfig, reason: string): AccountQuotas {
  return { quotas: { ...model.quotas }, source: "configuration", reason };
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A model's quotas as the stages use them: the account's where readable, the configuration's otherwise. */
export function quotasReader(
  client: ServiceQuotasClient,
  models: Readonly<Record<string, ModelConfig>>,
): (modelId: string) => Promise<BatchQuotas> {
  return async (modelId) => {
    const model = models[modelId];
    if (!model) throw new Error(`model ${modelId} is not configured in recap.config.ts`);
    return (await readAccountQuotas(client, modelId, model)).quotas;
  };
}
