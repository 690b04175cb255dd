import { createHash } from "node:crypto";
import type { BatchQuotas } from "@recap/shared/config/schema";

/**
 * Bedrock's batch inference quotas as Service Quotas lists them (ServiceCode `bedrock`), for the models
 * Recap runs or may move to. Checked in, so a test states AWS's names, codes and defaults, not the local
 * Bedrock's. Where each value came from:
 *
 * - `general-reference`: AWS General Reference, "Amazon Bedrock endpoints and quotas", the quota table
 *   (name, default, adjustable, description) as published mid-2025. A code appears there only for an
 *   adjustable quota (its console link), so codes of non-adjustable quotas come from the lists below.
 * - `quota-list`: a public listing of Bedrock's quota codes and names taken from Service Quotas (2026);
 *   it covers the newer models (Claude Sonnet 4, Qwen3) the 2025 table lacks.
 * - `jobs-mapping`: a public mapping of each "Sum of in-progress and submitted batch inference jobs" code to
 *   its foundation-model id, reviewed against AWS's model list in September 2026.
 * - `made-up`: no public source showed the code. The code is derived from the quota's name, so it is the
 *   same on every start, and it must not be copied into anything that talks to AWS.
 *
 * Not verified against a live account: `Unit` ("None": the size quotas carry "(in GB)" in their names),
 * `QuotaAppliedAtLevel` ("ACCOUNT") and the display names marked `displayNameSource: "inferred"`.
 */
export type CodeSource = "general-reference" | "quota-list" | "jobs-mapping" | "made-up";

export type BatchQuotaField = keyof BatchQuotas;

export interface CatalogueQuota {
  modelId: string;
  field: BatchQuotaField;
  QuotaCode: string;
  codeSource: CodeSource;
  QuotaName: string;
  Description: string;
  /** AWS's default, in Service Quotas' unit: GB (2^30 bytes) for the two sizes, a count otherwise. */
  defaultValue: number;
  Adjustable: boolean;
}

/** What every model's quota of a kind shares: its name and description around the model's display name. */
interface QuotaKind {
  name: (model: string, gbAfterModel: boolean) => string;
  description: (model: string) => string;
  defaultValue: number;
  /** General Reference: only the record counts and the jobs in flight can be raised. */
  adjustable: boolean;
}

const KINDS: Record<BatchQuotaField, QuotaKind> = {
  minRecordsPerJob: {
    name: (m) => `Minimum number of records per batch inference job for ${m}`,
    description: (m) =>
      `The minimum number of records across all input files in a batch inference job for ${m}.`,
    defaultValue: 100,
    adjustable: false,
  },
  maxRecordsPerJob: {
    name: (m) => `Records per batch inference job for ${m}`,
    description: (m) =>
      `The maximum number of records across all input files in a batch inference job for ${m}.`,
    defaultValue: 50_000,
    adjustable: true,
  },
  maxRecordsPerFile: {
    name: (m) => `Records per input file per batch inference job for ${m}`,
    description: (m) => `The maximum number of records in an input file in a batch inference job for ${m}.`,
    defaultValue: 50_000,
    adjustable: true,
  },
  maxInputFileBytes: {
    name: (m, gbAfterModel) =>
      gbAfterModel
        ? `Batch inference input file size for ${m} (in GB)`
        : `Batch inference input file size (in GB) for ${m}`,
    description: (m) => `The maximum size of a single file (in GB) submitted for batch inference for ${m}.`,
    defaultValue: 1,
    adjustable: false,
  },
  maxJobInputBytes: {
    name: (m, gbAfterModel) =>
      gbAfterModel
        ? `Batch inference job size for ${m} (in GB)`
        : `Batch inference job size (in GB) for ${m}`,
    description: (m) =>
      `The maximum cumulative size of all input files (in GB) included in the batch inference job for ${m}.`,
    defaultValue: 5,
    adjustable: false,
  },
  maxActiveJobs: {
    name: (m) => `Sum of in-progress and submitted batch inference jobs using a base model for ${m}`,
    description: (m) =>
      `The maximum number of in-progress and submitted batch inference jobs using a base model for ${m}.`,
    defaultValue: 20,
    adjustable: true,
  },
};

/** A code and where it was found; `undefined` where no public source showed it (a made-up code is used). */
type Code = readonly [code: string, source: Exclude<CodeSource, "made-up">] | undefined;

interface CatalogueModel {
  modelId: string;
  /** The model as Service Quotas names it, after "for" ("Nova Lite V1", not the console's "Nova Lite"). */
  displayName: string;
  displayNameSource: "general-reference" | "quota-list" | "inferred";
  /** Qwen3's size quotas say "(in GB)" after the model's name instead of after the quota's noun. */
  gbAfterModel?: true;
  codes: Record<BatchQuotaField, Code>;
  /** Where this model's default differs from the kind's. */
  defaults?: Partial<Record<BatchQuotaField, number>>;
}

const GR = "general-reference";
const QL = "quota-list";
const JM = "jobs-mapping";

export const BEDROCK_BATCH_MODELS: readonly CatalogueModel[] = [
  {
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    displayName: "Claude 3 Haiku",
    displayNameSource: "general-reference",
    codes: {
      minRecordsPerJob: ["L-AE7F26D4", QL],
      maxRecordsPerJob: ["L-1F644C2A", GR],
      maxRecordsPerFile: ["L-EBB72C32", GR],
      maxInputFileBytes: ["L-42ABE687", QL],
      maxJobInputBytes: ["L-79301C5B", QL],
      maxActiveJobs: ["L-1570CF9E", JM],
    },
  },
  {
    modelId: "anthropic.claude-3-5-haiku-20241022-v1:0",
    displayName: "Claude 3.5 Haiku",
    displayNameSource: "general-reference",
    codes: {
      minRecordsPerJob: ["L-B48488BD", QL],
      maxRecordsPerJob: ["L-274AA31F", GR],
      maxRecordsPerFile: ["L-C39B6D57", GR],
      maxInputFileBytes: ["L-B688EFA5", QL],
      maxJobInputBytes: ["L-987C98F5", QL],
      maxActiveJobs: ["L-220B8A25", JM],
    },
  },
  {
    modelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    displayName: "Claude Haiku 4.5",
    displayNameSource: "inferred",
    codes: {
      minRecordsPerJob: undefined,
      maxRecordsPerJob: undefined,
      maxRecordsPerFile: undefined,
      maxInputFileBytes: undefined,
      maxJobInputBytes: undefined,
      maxActiveJobs: ["L-63020993", JM],
    },
  },
  {
    modelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    displayName: "Claude Sonnet 4",
    displayNameSource: "quota-list",
    codes: {
      minRecordsPerJob: ["L-F72F26EE", QL],
      maxRecordsPerJob: ["L-8A6B31EE", QL],
      maxRecordsPerFile: ["L-02DB18B4", QL],
      maxInputFileBytes: ["L-F611997D", QL],
      maxJobInputBytes: ["L-E31283B0", QL],
      maxActiveJobs: ["L-79EFF176", JM],
    },
  },
  {
    modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    displayName: "Claude Sonnet 4.5",
    displayNameSource: "inferred",
    codes: {
      minRecordsPerJob: undefined,
      maxRecordsPerJob: undefined,
      maxRecordsPerFile: undefined,
      maxInputFileBytes: undefined,
      maxJobInputBytes: undefined,
      maxActiveJobs: ["L-A0300844", JM],
    },
  },
  {
    modelId: "amazon.nova-lite-v1:0",
    displayName: "Nova Lite V1",
    displayNameSource: "general-reference",
    codes: {
      minRecordsPerJob: ["L-39FA8DCA", QL],
      maxRecordsPerJob: ["L-916C9264", GR],
      maxRecordsPerFile: ["L-B8626674", GR],
      maxInputFileBytes: ["L-F60B56CC", QL],
      maxJobInputBytes: ["L-19E52681", QL],
      maxActiveJobs: ["L-E2ED42E6", GR],
    },
  },
  {
    modelId: "amazon.nova-pro-v1:0",
    displayName: "Nova Pro V1",
    displayNameSource: "general-reference",
    codes: {
      minRecordsPerJob: ["L-2A3EB975", QL],
      maxRecordsPerJob: ["L-89197AE6", GR],
      maxRecordsPerFile: ["L-9B651738", GR],
      maxInputFileBytes: ["L-68FC8D47", QL],
      maxJobInputBytes: ["L-26B15D4D", QL],
      maxActiveJobs: ["L-FE130012", GR],
    },
    // General Reference: Nova Pro's jobs may hold 100 GB, every other model's 5.
    defaults: { maxJobInputBytes: 100 },
  },
  {
    modelId: "amazon.nova-2-lite-v1:0",
    displayName: "Nova 2 Lite",
    displayNameSource: "inferred",
    codes: {
      minRecordsPerJob: undefined,
      maxRecordsPerJob: undefined,
      maxRecordsPerFile: undefined,
      maxInputFileBytes: undefined,
      maxJobInputBytes: undefined,
      maxActiveJobs: ["L-10F69CA1", JM],
    },
  },
  {
    modelId: "meta.llama4-scout-17b-instruct-v1:0",
    displayName: "Llama 4 Scout",
    displayNameSource: "general-reference",
    codes: {
      minRecordsPerJob: undefined,
      maxRecordsPerJob: ["L-D41E62E4", GR],
      maxRecordsPerFile: ["L-92E7FE32", GR],
      maxInputFileBytes: undefined,
      maxJobInputBytes: undefined,
      maxActiveJobs: ["L-B1E11F5B", GR],
    },
    // General Reference: a Llama 4 Scout job needs 50 records, every other model's 100.
    defaults: { minRecordsPerJob: 50 },
  },
  {
    modelId: "qwen.qwen3-32b-v1:0",
    displayName: "Qwen3 32B",
    displayNameSource: "quota-list",
    gbAfterModel: true,
    codes: {
      minRecordsPerJob: ["L-9D2E32B8", QL],
      maxRecordsPerJob: ["L-09A792C8", QL],
      maxRecordsPerFile: ["L-BF8FAABD", QL],
      maxInputFileBytes: ["L-37B69F3F", QL],
      maxJobInputBytes: ["L-AED2B25B", QL],
      // The mapping also lists a twin, L-87CD099E, under the same name; one code per quota is listed here.
      maxActiveJobs: ["L-7B9A79C8", JM],
    },
  },
];

const FIELDS = Object.keys(KINDS) as BatchQuotaField[];

/** Every batch quota of every catalogued model, six per model. */
export const BEDROCK_BATCH_QUOTAS: readonly CatalogueQuota[] = BEDROCK_BATCH_MODELS.flatMap((model) =>
  FIELDS.map((field): CatalogueQuota => {
    const kind = KINDS[field];
    const QuotaName = kind.name(model.displayName, model.gbAfterModel === true);
    const code = model.codes[field];
    return {
      modelId: model.modelId,
      field,
      QuotaCode: code?.[0] ?? madeUpCode(QuotaName),
      codeSource: code?.[1] ?? "made-up",
      QuotaName,
      Description: kind.description(model.displayName),
      defaultValue: model.defaults?.[field] ?? kind.defaultValue,
      Adjustable: kind.adjustable,
    };
  }),
);

/** Shaped like AWS's (`L-` and eight hex digits), derived from the name so it is stable across starts. */
function madeUpCode(name: string): string {
  return `L-${createHash("sha256").update(name).digest("hex").slice(0, 8).toUpperCase()}`;
}

/** Service Quotas' GB, counted as Recap's configuration counts it (recap.config.ts: 1 GB = 1024 MB). */
const GB = 1024 ** 3;
const IN_GB: ReadonlySet<BatchQuotaField> = new Set(["maxInputFileBytes", "maxJobInputBytes"]);

/** A value of Recap's `BatchQuotas` (bytes for sizes) in Service Quotas' unit for that quota (GB). */
export function toServiceQuotasUnit(field: BatchQuotaField, value: number): number {
  return IN_GB.has(field) ? value / GB : value;
}
