import { z } from "zod";
import { metadataSchema, transcriptIdSchema } from "./ids.ts";

/** Who speaks a turn. Summaries need agent and customer told apart; everyone else is `other`. */
export const roleSchema = z.enum(["agent", "customer", "system", "other"]);
export type Role = z.infer<typeof roleSchema>;

export const turnSchema = z.object({
  role: roleSchema,
  speaker: z.string().min(1).describe("The label as written in the source, e.g. `Agent`, `spk_0`, `Jane`"),
  text: z.string().min(1).describe("What was said, stage directions removed"),
  notes: z.array(z.string()).optional().describe("Stage directions such as `typing`, kept apart from speech"),
  startMs: z.number().int().nonnegative().optional(),
  endMs: z.number().int().nonnegative().optional(),
});
export type Turn = z.infer<typeof turnSchema>;

/** The one form every transcript takes after ingest, whatever format it arrived in. Stored as JSON. */
export const canonicalTranscriptSchema = z.object({
  schemaVersion: z.literal(1),
  transcriptId: transcriptIdSchema,
  version: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .describe("Hash of language, channel and turns"),
  sourceFormat: z.string(),
  language: z.string(),
  channel: z.enum(["voice", "chat"]),
  durationMs: z.number().int().nonnegative().optional(),
  turns: z.array(turnSchema).min(1),
  profile: z.string(),
  deadline: z.iso.datetime({ offset: true }).optional(),
  /** How many of each kind of personal data were replaced by placeholders, when the profile redacts. */
  redactions: z.record(z.string(), z.number().int().nonnegative()).optional(),
  metadata: metadataSchema,
});
export type CanonicalTranscript = z.infer<typeof canonicalTranscriptSchema>;
