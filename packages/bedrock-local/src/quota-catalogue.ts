import { createHash } from "node:crypto";
import type { BatchQuotas } from "./config.ts";
import type { QuotasOf } from "./model-quotas.ts";

/** Service Quotas gives sizes in GB (2^30 bytes, as Recap's configuration counts them), possibly fractional. */
const GB = 1024 ** 3;

/**
 * The six batch quotas Service Quotas lists for each model (ServiceCode `bedrock`), named exactly as AWS
 * names them, with the model's display name ("Claude 3 Haiku") after "for".
 */
export const BATCH_QUOTA_NAMES: ReadonlyArray<{ field: keyof BatchQuotas; prefix: string; inGb?: true }> = [
  { field: "minRecordsPerJob", prefix: "Minimum number of records per batch inference job" },
  { field: "maxRecordsPerJob", prefix: "Records per batch inference job" },
  { field: "maxRecordsPerFile", prefix: "Records per input file per batch inference job" },
  { field: "maxInputFileBytes", prefix: "Batch inference input file size (in GB)", inGb: true },
  { field: "maxJobInputBytes", prefix: "Batch inference job size (in GB)", inGb: true },
  {
    field: "maxActiveJobs",
    prefix: "Sum of in-progress and submitted batch inference jobs using a base model",
  },
];

/** A quota as ListServiceQuotas returns it. */
export interface ServiceQuota {
  ServiceCode: "bedrock";
  ServiceName: "Amazon Bedrock";
  QuotaArn: string;
  QuotaCode: string;
  QuotaName: string;
  Value: number;
  Unit: "None";
  Adjustable: boolean;
  GlobalQuota: false;
}

/**
 * The quotas the emulator enforces, listed as Service Quotas would: six per model named in `quotaNames`
 * (keyed by model id), in that order. Models without a display name are enforced but not listed, since
 * AWS's entries are named after the model, never its id.
 */
export function quotaCatalogue(
  quotaNames: Record<string, string>,
  quotasOf: QuotasOf,
  region: string,
  account: string,
): ServiceQuota[] {
  return Object.entries(quotaNames).flatMap(([modelId, displayName]) => {
    const quotas = quotasOf(modelId);
    return BATCH_QUOTA_NAMES.map(({ field, prefix, inGb }) => {
      const name = `${prefix} for ${displayName}`;
      const code = quotaCode(name);
      return {
        ServiceCode: "bedrock",
        ServiceName: "Amazon Bedrock",
        QuotaArn: `arn:aws:servicequotas:${region}:${account}:bedrock/${code}`,
        QuotaCode: code,
        QuotaName: name,
        Value: inGb ? quotas[field] / GB : quotas[field],
        Unit: "None",
        // The minimum is Bedrock's own floor; the others can be raised through a quota request.
        Adjustable: field !== "minRecordsPerJob",
        GlobalQuota: false,
      } satisfies ServiceQuota;
    });
  });
}

/** AWS quota codes look like `L-1A2B3C4D`; derived from the name, so a code is the same on every start. */
function quotaCode(name: string): string {
  return `L-${createHash("sha256").update(name).digest("hex").slice(0, 8).toUpperCase()}`;
}
