import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { filterableMetadata, metadataSchema, s3UriSchema, transcriptIdSchema } from "../ids.ts";

/** The structured summary Recap promises its subscribers. */
export const callSummarySchema = z.object({
  overview: z.string().min(1),
  callReason: z.string().min(1),
  resolution: z.enum(["resolved", "unresolved", "escalated", "unknown"]),
  sentiment: z.enum(["positive", "neutral", "negative", "mixed"]),
  actionItems: z.array(z.string().min(1)),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

export const summaryReady = defineEvent({
  type: "summary.ready",
  version: 1,
  topic: "Summaries",
  description: "A validated summary of one transcript is stored.",
  data: z.object({
    transcriptId: transcriptIdSchema,
    version: z.string(),
    summaryUri: s3UriSchema,
    summary: callSummarySchema,
    modelId: z.string(),
    shardId: z.string(),
    usage: z.object({
      inputTokens: z.number().int().nonnegative(),
      outputTokens: z.number().int().nonnegative(),
    }),
    metadata: metadataSchema,
  }),
  attributes: (d) => ({ modelId: d.modelId, ...filterableMetadata(d.metadata) }),
});

export const summaryFailed = defineEvent({
  type: "summary.failed",
  version: 1,
  topic: "Summaries",
  description: "No valid summary could be made for a transcript after the last retry.",
  data: z.object({
    transcriptId: transcriptIdSchema,
    version: z.string(),
    attempts: z.number().int().positive(),
    error: z.object({ code: z.string().min(1), message: z.string().min(1) }),
    metadata: metadataSchema,
  }),
  attributes: (d) => ({ errorCode: d.error.code, ...filterableMetadata(d.metadata) }),
});
