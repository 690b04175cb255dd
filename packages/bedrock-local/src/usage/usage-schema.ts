import { z } from "zod";

/** What Bedrock would bill one model, summed over batch jobs and on-demand calls. */
export const modelUsageSchema = z.object({
  batchInputTokens: z.number().int().nonnegative(),
  batchOutputTokens: z.number().int().nonnegative(),
  /** Records that produced a model output; a record that errored is not billed. */
  batchRecords: z.number().int().nonnegative(),
  onDemandInputTokens: z.number().int().nonnegative(),
  onDemandOutputTokens: z.number().int().nonnegative(),
  /** Successful InvokeModel and Converse calls; a refused or failed call is not billed. */
  onDemandCalls: z.number().int().nonnegative(),
});

/** One batch job's bill: the records it processed with an output, and their tokens. */
export const jobUsageSchema = z.object({
  /** The base model billed (an inference-profile id or ARN bills its model). */
  modelId: z.string(),
  records: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});

/**
 * `GET /_recap/usage`: the local Bedrock's meter, counted from what it processed, never from what a client
 * says. `models` is keyed by base model id; `jobs` by job ARN, each job counted once it ends.
 */
export const usageSchema = z.object({
  models: z.record(z.string(), modelUsageSchema),
  jobs: z.record(z.string(), jobUsageSchema),
});

export type ModelUsage = z.infer<typeof modelUsageSchema>;
export type JobUsage = z.infer<typeof jobUsageSchema>;
export type Usage = z.infer<typeof usageSchema>;
