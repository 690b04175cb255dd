import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { s3UriSchema } from "../ids.ts";

/** Shard and job ids end up in Bedrock job names and client tokens: alphanumerics and hyphens only. */
export const shardIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lowercase alphanumerics separated by single hyphens")
  .max(40);

/** `batch`: one Bedrock batch job. `on-demand`: a tail below the job minimum, run through bedrock-runtime. */
export const shardKindSchema = z.enum(["batch", "on-demand"]);
export type ShardKind = z.infer<typeof shardKindSchema>;

export const shardSealed = defineEvent({
  type: "shard.sealed",
  version: 1,
  topic: "Pipeline",
  description: "A JSONL shard that respects every batch quota is stored, with its recordId map.",
  data: z.object({
    shardId: shardIdSchema,
    modelId: z.string().min(1),
    profile: z.string(),
    kind: shardKindSchema,
    inputUri: s3UriSchema.describe("The JSONL input file"),
    recordMapUri: s3UriSchema.describe("JSONL: recordId → transcript, version, profile, attempt, metadata"),
    records: z.number().int().positive(),
    bytes: z.number().int().positive(),
    estimatedInputTokens: z.number().int().nonnegative(),
    earliestDeadline: z.iso.datetime({ offset: true }).optional(),
    sealedAt: z.iso.datetime({ offset: true }),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, kind: d.kind }),
});

export const shardRefused = defineEvent({
  type: "shard.refused",
  version: 1,
  topic: "Pipeline",
  description:
    "Bedrock refused a shard's job for good (ValidationException): its records must be retried or failed.",
  data: z.object({
    shardId: shardIdSchema,
    modelId: z.string().min(1),
    profile: z.string(),
    recordMapUri: s3UriSchema,
    records: z.number().int().positive(),
    reason: z.object({ code: z.string().min(1), message: z.string().min(1) }),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, reason: d.reason.code }),
});
