import { createHash } from "node:crypto";
import { z } from "zod";
import { metadataSchema, s3UriSchema, transcriptIdSchema } from "./ids.ts";

/**
 * One unit of work: a (transcript, version, profile) and the attempt at summarizing it. Attempt 1 is the
 * first; each retry is a new attempt with a new recordId, so a retried record never collides with its past.
 */
export const unitOfWorkSchema = z.object({
  transcriptId: transcriptIdSchema,
  version: z.string().regex(/^[0-9a-f]{16}$/),
  profile: z.string().min(1),
  attempt: z.number().int().positive(),
});
export type UnitOfWork = z.infer<typeof unitOfWorkSchema>;

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const RECORD_ID_LENGTH = 11;
export const recordIdSchema = z.string().regex(/^[A-Za-z0-9]{11}$/);

/**
 * The 11-character alphanumeric recordId Bedrock's docs ask for, derived from the unit of work alone: the same
 * unit always gets the same id (a redelivery cannot mint a second record), and 62^11 ids make a collision
 * among 50,000 records about one in 10^10.
 */
export function recordIdOf(unit: UnitOfWork): string {
  const digest = createHash("sha256")
    .update(`${unit.transcriptId}\n${unit.version}\n${unit.profile}\n${unit.attempt}`)
    .digest();
  let id = "";
  for (let i = 0; i < RECORD_ID_LENGTH; i++) id += ALPHANUMERIC[(digest[i] ?? 0) % ALPHANUMERIC.length];
  return id;
}

/** One line of a shard's record map: how a recordId in Bedrock's output finds its way back to its call. */
export const recordMapEntrySchema = unitOfWorkSchema.extend({
  recordId: recordIdSchema,
  transcriptUri: s3UriSchema,
  promptVersion: z.string().min(1),
  estimatedInputTokens: z.number().int().nonnegative(),
  deadline: z.iso.datetime({ offset: true }).optional(),
  /** The transcript's language, so that summary events can carry it as a filterable attribute. */
  language: z.string().optional(),
  metadata: metadataSchema,
});
export type RecordMapEntry = z.infer<typeof recordMapEntrySchema>;
