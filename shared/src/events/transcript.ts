import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { filterableMetadata, metadataSchema, s3UriSchema, transcriptIdSchema } from "../ids.ts";

/** SNS caps a message at 256 KB; bigger transcripts travel by S3 reference (`contentUri`). */
export const MAX_INLINE_TRANSCRIPT_BYTES = 200_000;
/** A referenced transcript may be this big; a 5 MB one fits, a runaway upload does not. */
export const MAX_REFERENCED_TRANSCRIPT_BYTES = 10 * 1024 * 1024;

/** The formats ingest-normalizer reads; `auto` detects them from the content. */
export const transcriptFormatSchema = z.enum([
  "auto",
  "plain-text",
  "json-turns",
  "transcribe",
  "transcribe-call-analytics",
  "contact-lens",
  "post-call-analytics",
  "webvtt",
  "srt",
]);
export type TranscriptFormat = z.infer<typeof transcriptFormatSchema>;

export const transcriptSubmitted = defineEvent({
  type: "transcript.submitted",
  version: 1,
  topic: "Transcripts",
  description: "A producer asks Recap to summarize one call transcript.",
  data: z
    .object({
      transcriptId: transcriptIdSchema,
      content: z.string().optional().describe("The transcript itself, inline (up to 200,000 bytes)"),
      contentUri: s3UriSchema.optional().describe("Or where it is: s3://<Store bucket>/raw/…"),
      format: transcriptFormatSchema.default("auto"),
      language: z.string().min(2).max(35).optional().describe("BCP 47; from the source when absent, else en"),
      channel: z.enum(["voice", "chat"]).optional().describe("Detected from the format when absent"),
      profile: z
        .string()
        .min(1)
        .max(64)
        .default("default")
        .describe("Summary profile: model, limits, redaction"),
      deadline: z.iso.datetime({ offset: true }).optional().describe("When the summary is needed by"),
      metadata: metadataSchema,
    })
    .refine((d) => (d.content === undefined) !== (d.contentUri === undefined), {
      message: "give the transcript either inline as `content` or by reference as `contentUri`, not both",
    }),
  attributes: (d) => filterableMetadata(d.metadata),
});

export const transcriptNormalized = defineEvent({
  type: "transcript.normalized",
  version: 1,
  topic: "Pipeline",
  description: "A transcript passed validation and its canonical form is stored.",
  data: z.object({
    transcriptId: transcriptIdSchema,
    version: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .describe("Content hash of the canonical transcript"),
    transcriptUri: s3UriSchema,
    bytes: z.number().int().nonnegative(),
    estimatedInputTokens: z.number().int().nonnegative(),
    turns: z.number().int().positive(),
    language: z.string(),
    channel: z.enum(["voice", "chat"]),
    profile: z.string(),
    deadline: z.iso.datetime({ offset: true }).optional(),
    metadata: metadataSchema,
  }),
  attributes: (d) => ({ profile: d.profile, ...filterableMetadata(d.metadata) }),
});

export const rejectionCodeSchema = z.enum([
  "invalid-event",
  "empty-transcript",
  "unknown-format",
  /** Recognisably one format but broken inside it: caption timings that do not read, JSON fields of the wrong type. */
  "malformed-transcript",
  "no-speech-turns",
  "oversize",
  "too-long",
  "bad-encoding",
  "missing-object",
]);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export const transcriptRejected = defineEvent({
  type: "transcript.rejected",
  version: 1,
  topic: "Summaries",
  description: "A transcript cannot be summarized; its raw input is kept and the reason says why.",
  data: z.object({
    transcriptId: transcriptIdSchema.optional().describe("Absent when the event itself could not be read"),
    // Bounded so that, with metadata at its bounds, the event stays within SNS's 256 KiB.
    reason: z.object({ code: rejectionCodeSchema, message: z.string().min(1).max(1024) }),
    rawUri: s3UriSchema.describe("Where the input is kept, exactly as received"),
    metadata: metadataSchema,
  }),
  attributes: (d) => ({ reason: d.reason.code, ...filterableMetadata(d.metadata) }),
});
