import { z } from "zod";
import { isRecord, jsonOf, readShape } from "./json-shape.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";
import { labelOfParticipant, roleOfParticipant } from "./participant-role.ts";
import { mergeConsecutive } from "./turns.ts";

/*
 * Amazon Transcribe Call Analytics output. Each segment names its ParticipantRole (AGENT or CUSTOMER),
 * set by the caller's channel definitions, so roles come straight from the data.
 */

export const expects =
  "Amazon Transcribe Call Analytics output: JSON with `Transcript[]` of {ParticipantRole, Content, BeginOffsetMillis, EndOffsetMillis}";

const callAnalyticsSchema = z.object({
  LanguageCode: z.string().optional(),
  Transcript: z.array(
    z.object({
      ParticipantRole: z.string(),
      Content: z.string(),
      BeginOffsetMillis: z.number().optional(),
      EndOffsetMillis: z.number().optional(),
    }),
  ),
  ConversationCharacteristics: z
    .object({ TotalConversationDurationMillis: z.number().optional() })
    .optional(),
});

/** Segments name a ParticipantRole and no ParticipantId: a ParticipantId means Contact Lens. */
export function detect(_content: string, parsed?: unknown): boolean {
  if (!isRecord(parsed) || !Array.isArray(parsed.Transcript)) return false;
  const first: unknown = parsed.Transcript[0];
  if (first === undefined) return true;
  return isRecord(first) && typeof first.ParticipantRole === "string" && !("ParticipantId" in first);
}

export function parse(content: string, parsed?: unknown): ParsedTranscript {
  const analysis = readShape(callAnalyticsSchema, jsonOf(content, parsed, expects), expects);
  const turns = mergeConsecutive(
    analysis.Transcript.map((segment) => ({
      speaker: labelOfParticipant(segment.ParticipantRole),
      role: roleOfParticipant(segment.ParticipantRole),
      text: segment.Content,
      startMs: segment.BeginOffsetMillis,
      endMs: segment.EndOffsetMillis,
    })),
  );
  const durationMs = analysis.ConversationCharacteristics?.TotalConversationDurationMillis;
  return {
    format: "transcribe-call-analytics",
    channel: "voice",
    turns,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(analysis.LanguageCode ? { language: analysis.LanguageCode } : {}),
  };
}
