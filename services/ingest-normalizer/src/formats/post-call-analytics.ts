import { z } from "zod";
import { roleOf } from "../plain-text.ts";
import { isRecord, jsonOf, readShape } from "./json-shape.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";
import { transcribeTimeSchema } from "./transcribe-items.ts";
import { mergeConsecutive, secondsToMs } from "./turns.ts";

/*
 * The parsed output of the Amazon Transcribe post-call-analytics solution (aws-samples). Its
 * `ConversationAnalytics.SpeakerLabels` maps `spk_N` to a display label ("Agent", "Customer") chosen by
 * whoever configured the deployment; that is the only statement of roles in the file, so it is followed
 * as written, and a speaker it does not map stays `spk_N` with role `other`.
 */

export const expects =
  "post-call-analytics output: JSON with `SpeechSegments[]` of {SegmentSpeaker, DisplayText, SegmentStartTime, SegmentEndTime}";

const postCallSchema = z.object({
  ConversationAnalytics: z
    .object({
      LanguageCode: z.string().optional(),
      Duration: transcribeTimeSchema.optional(),
      SpeakerLabels: z.array(z.object({ Speaker: z.string(), DisplayText: z.string() })).optional(),
    })
    .optional(),
  SpeechSegments: z.array(
    z.object({
      SegmentSpeaker: z.string(),
      DisplayText: z.string().optional(),
      OriginalText: z.string().optional(),
      SegmentStartTime: transcribeTimeSchema.optional(),
      SegmentEndTime: transcribeTimeSchema.optional(),
    }),
  ),
});

export function detect(_content: string, parsed?: unknown): boolean {
  return isRecord(parsed) && Array.isArray(parsed.SpeechSegments);
}

export function parse(content: string, parsed?: unknown): ParsedTranscript {
  const output = readShape(postCallSchema, jsonOf(content, parsed, expects), expects);
  const analytics = output.ConversationAnalytics;
  const labels = new Map(
    (analytics?.SpeakerLabels ?? [])
      .filter((label) => label.DisplayText.trim() !== "")
      .map((label) => [label.Speaker, label.DisplayText.trim()]),
  );
  const turns = mergeConsecutive(
    output.SpeechSegments.map((segment) => {
      const label = labels.get(segment.SegmentSpeaker);
      return {
        speaker: label ?? segment.SegmentSpeaker,
        role: label ? roleOf(label) : "other",
        // DisplayText is the text after the solution's edits (redaction, corrections); OriginalText before.
        text: segment.DisplayText || segment.OriginalText || "",
        startMs: secondsToMs(segment.SegmentStartTime),
        endMs: secondsToMs(segment.SegmentEndTime),
      };
    }),
  );
  const durationMs = secondsToMs(analytics?.Duration);
  return {
    format: "post-call-analytics",
    channel: "voice",
    turns,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(analytics?.LanguageCode ? { language: analytics.LanguageCode } : {}),
  };
}
