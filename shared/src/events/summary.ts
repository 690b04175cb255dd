import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { filterableMetadata, metadataSchema, s3UriSchema, transcriptIdSchema } from "../ids.ts";
import { recordFailureSchema } from "./record.ts";

/** The structured summary Recap promises its subscribers. */
export const callSummarySchema = z.object({
  overview: z.string().min(1),
  callReason: z.string().min(1),
  resolution: z.enum(["resolved", "unresolved", "escalated", "unknown"]),
  sentiment: z.enum(["positive", "neutral", "negative", "mixed"]),
  actionItems: z.array(z.string().min(1)),
});
export type CallSummary = z.infer<typeof callSummarySchema>;

/** The notebook profile's summary: the model's prose, as the reference notebook keeps it. */
export const proseSummarySchema = z.object({ text: z.string().min(1) });
export type ProseSummary = z.infer<typeof proseSummarySchema>;

/** A summary has its profile's schema; which one is named by `promptVersion`. */
export const anySummarySchema = z.union([callSummarySchema, proseSummarySchema]);
export type AnySummary = z.infer<typeof anySummarySchema>;

const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});

export const summaryReady = defineEvent({
  type: "summary.ready",
  version: 1,
  topic: "Summaries",
  description:
    "A validated summary of one (transcript, version, profile) is stored. Exactly one summary.ready or one " +
    "summary.failed is published per unit of work.",
  data: z.object({
    transcriptId: transcriptIdSchema,
    version: z.string(),
    profile: z.string(),
    summaryUri: s3UriSchema.describe(
      "The stored summary document: summary, metadata, model, tokens, cost, job",
    ),
    summary: anySummarySchema
      .optional()
      .describe("The summary inline; absent when the event would pass SNS's size limit (read summaryUri)"),
    promptVersion: z.string(),
    modelId: z.string(),
    shardId: z.string(),
    jobArn: z.string(),
    recordId: z.string(),
    attempt: z.number().int().positive(),
    usage: usageSchema,
    costUsd: z.number().nonnegative().describe("Batch (or on-demand) price of this record's tokens"),
    language: z.string().optional(),
    metadata: metadataSchema,
  }),
  attributes: (d) => ({
    modelId: d.modelId,
    profile: d.profile,
    ...(d.language ? { language: d.language } : {}),
    ...(d.summary && "resolution" in d.summary
      ? { resolution: d.summary.resolution, sentiment: d.summary.sentiment }
      : {}),
    ...filterableMetadata(d.metadata),
  }),
});

export const summaryFailed = defineEvent({
  type: "summary.failed",
  version: 1,
  topic: "Summaries",
  description: "No valid summary could be made for a unit of work; every attempt's reason is listed.",
  data: z.object({
    transcriptId: transcriptIdSchema,
    version: z.string(),
    profile: z.string(),
    attempts: z
      .array(
        z.object({
          attempt: z.number().int().positive(),
          recordId: z.string(),
          shardId: z.string(),
          failure: recordFailureSchema,
        }),
      )
      .min(1),
    error: recordFailureSchema.describe("The last attempt's reason"),
    language: z.string().optional(),
    metadata: metadataSchema,
  }),
  attributes: (d) => ({
    profile: d.profile,
    errorCode: d.error.code,
    ...(d.language ? { language: d.language } : {}),
    ...filterableMetadata(d.metadata),
  }),
});
