import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { s3UriSchema } from "../ids.ts";

export const shardSealed = defineEvent({
  type: "shard.sealed",
  version: 1,
  topic: "Pipeline",
  description: "A JSONL shard that respects every batch quota is stored, with its recordId map.",
  data: z.object({
    shardId: z.string().min(1).max(128),
    modelId: z.string().min(1),
    profile: z.string(),
    inputUri: s3UriSchema.describe("The JSONL input file"),
    recordMapUri: s3UriSchema.describe("recordId → transcript id and version"),
    records: z.number().int().positive(),
    bytes: z.number().int().positive(),
    estimatedInputTokens: z.number().int().nonnegative(),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile }),
});
