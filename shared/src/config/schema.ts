import { z } from "zod";

/**
 * Recap's one user-edited configuration (`recap.config.ts` at the repository root), validated here. Quota
 * values are fallbacks: on AWS the account's own values are read from Service Quotas first.
 */

export const batchQuotasSchema = z.object({
  minRecordsPerJob: z.number().int().positive(),
  maxRecordsPerJob: z.number().int().positive(),
  maxRecordsPerFile: z.number().int().positive(),
  maxInputFileBytes: z.number().int().positive(),
  maxJobInputBytes: z.number().int().positive(),
  /** Jobs submitted or in progress at once, for this model, in this account and region. */
  maxActiveJobs: z.number().int().positive(),
});
export type BatchQuotas = z.infer<typeof batchQuotasSchema>;

export const modelSchema = z.object({
  /** The model's name as Service Quotas spells it: "Records per batch inference job for Claude 3 Haiku". */
  quotaName: z.string().min(1),
  quotas: batchQuotasSchema,
  /** Records run at once through bedrock-runtime when a tail goes on-demand. */
  onDemandConcurrency: z.number().int().positive().default(4),
});
export type ModelConfig = z.infer<typeof modelSchema>;

export const tailPolicySchema = z
  .enum(["on-demand", "wait"])
  .describe("What happens to records below the minimum per job once they have waited long enough");
export type TailPolicy = z.infer<typeof tailPolicySchema>;

export const profileSchema = z.object({
  description: z.string().min(1),
  modelId: z.string().min(1),
  /** Batch records are native InvokeModel bodies, or Converse request bodies for any model. */
  invocationType: z.enum(["InvokeModel", "Converse"]).default("InvokeModel"),
  /** A prompt template id from shared/src/prompts; its version travels with every record. */
  prompt: z.enum(["call-summary", "notebook"]),
  maxOutputTokens: z.number().int().positive(),
  temperature: z.number().min(0).max(1).optional(),
  /** Longer transcripts are rejected as `too-long` at ingest, never truncated in silence. */
  maxTranscriptTokens: z.number().int().positive(),
  redactPii: z.boolean(),
  tailPolicy: tailPolicySchema.default("on-demand"),
  /**
   * How many times a unit of work may be tried (attempt 1 is the first) before `summary.failed`. At most 5:
   * summary.failed lists every attempt's reason, and with metadata at its bounds more would pass SNS's 256 KiB.
   */
  maxAttempts: z.number().int().positive().max(5).default(3),
});
export type SummaryProfile = z.infer<typeof profileSchema>;

export const sealingSchema = z.object({
  /** A shard seals once its oldest record has waited this long (if it has the minimum, else the tail policy). */
  maxWaitSeconds: z.number().positive(),
  /** A shard seals this long before the earliest deadline among its records. */
  deadlineLeadSeconds: z.number().nonnegative(),
});

export const submittingSchema = z.object({
  /** A quota learned from ServiceQuotaExceededException holds this long before the configured one applies again. */
  learnedQuotaTtlSeconds: z.number().positive(),
  /** CreateModelInvocationJob's timeoutDurationInHours (24–168). */
  jobTimeoutHours: z.number().int().min(24).max(168),
  /** Jittered exponential backoff for throttled Bedrock calls. */
  throttle: z.object({
    attempts: z.number().int().positive(),
    baseDelayMs: z.number().int().positive(),
    maxDelayMs: z.number().int().positive(),
  }),
});

/** Statuses a batch job can wait in; a job longer than its threshold in one of them is stuck. */
export const waitingJobStatusSchema = z.enum([
  "Submitted",
  "Validating",
  "Scheduled",
  "InProgress",
  "Stopping",
]);
export type WaitingJobStatus = z.infer<typeof waitingJobStatusSchema>;

export const watchingSchema = z.object({
  /** Seconds a job may stay in one status before job.stuck is published for it. */
  stuckAfterSeconds: z.record(waitingJobStatusSchema, z.number().int().positive()),
  /** Stop a stuck job (not one already Stopping), so its partial output is harvested and the rest retried. */
  stopStuckJobs: z.boolean(),
});

const tokenPricesSchema = z.object({
  /** USD per million input tokens. */
  inputPerMillion: z.number().nonnegative(),
  /** USD per million output tokens. */
  outputPerMillion: z.number().nonnegative(),
});

/** A model's prices, with where and when they were read: prices change, and a report should say which it used. */
export const modelPricesSchema = z.object({
  batch: tokenPricesSchema,
  onDemand: tokenPricesSchema,
  asOf: z.iso.date(),
  source: z.url(),
});
export type ModelPrices = z.infer<typeof modelPricesSchema>;

export const configBodySchema = z.object({
  profiles: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/), profileSchema),
  models: z.record(z.string().min(1), modelSchema),
  sealing: sealingSchema,
  submitting: submittingSchema,
  watching: watchingSchema,
  /** Per model id; a model without prices is reported with zero cost (and a warning). */
  prices: z.record(z.string().min(1), modelPricesSchema),
});

/** What `recap.config.ts` exports: settings for AWS, and what changes for the local development loop. */
export const recapConfigSchema = configBodySchema.extend({
  /** Applied on top when Recap runs locally (`recap dev`, the tests). Deep-merged; only what differs. */
  local: z.record(z.string(), z.unknown()).default({}),
});

export type RecapConfig = z.output<typeof configBodySchema>;
export type RecapConfigInput = z.input<typeof recapConfigSchema>;
