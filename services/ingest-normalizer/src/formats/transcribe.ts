import { z } from "zod";
import { isRecord, jsonOf, readShape } from "./json-shape.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";
import { audioSegmentPieces } from "./transcribe-audio-segments.ts";
import {
  diarizedSpeakerOf,
  piecesFromItems,
  speakerSegmentSchema,
  transcribeItemSchema,
} from "./transcribe-items.ts";
import { mergeConsecutive, type Piece } from "./turns.ts";

/*
 * Raw Amazon Transcribe batch output. Roles are always `other`: Transcribe knows voices (`spk_0`) and
 * channels (`ch_0`), not who is the agent. Which channel carries the agent is a recording setting that
 * differs between systems (the post-call-analytics sample itself labels its greeter "Customer"), and a
 * wrong role would mislead every summary with no way for the producer to fix it afterwards; producers
 * who know their channel layout can send post-call-analytics or Call Analytics output, which say it.
 */

export const expects =
  "Amazon Transcribe output: JSON with `results.items[]` and `results.speaker_labels` or `results.channel_labels`";

const transcribeSchema = z.object({
  results: z.object({
    language_code: z.string().optional(),
    items: z.array(transcribeItemSchema),
    speaker_labels: z.object({ segments: z.array(speakerSegmentSchema) }).optional(),
    channel_labels: z
      .object({
        channels: z.array(z.object({ channel_label: z.string(), items: z.array(transcribeItemSchema) })),
      })
      .optional(),
    audio_segments: z.unknown().optional(),
  }),
});
type TranscribeResults = z.infer<typeof transcribeSchema>["results"];

export function detect(_content: string, parsed?: unknown): boolean {
  return isRecord(parsed) && isRecord(parsed.results) && Array.isArray(parsed.results.items);
}

export function parse(content: string, parsed?: unknown): ParsedTranscript {
  const { results } = readShape(transcribeSchema, jsonOf(content, parsed, expects), expects);
  const pieces = audioSegmentPieces(results.audio_segments, results.items) ?? piecesOf(results);
  return {
    format: "transcribe",
    channel: "voice",
    turns: mergeConsecutive(pieces),
    ...(results.language_code ? { language: results.language_code } : {}),
  };
}

/**
 * Channel identification lists each channel's words apart; both sides can talk at once, so each channel
 * is cut into sentences and the sentences interleaved by start time: a listener's "okay" lands between
 * two of the agent's sentences instead of splitting one in half. Diarized items are already in order.
 */
function piecesOf(results: TranscribeResults): Piece[] {
  if (results.channel_labels) {
    return results.channel_labels.channels
      .flatMap((channel) => piecesFromItems(channel.items, () => channel.channel_label, true))
      .sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
  }
  return piecesFromItems(results.items, diarizedSpeakerOf(results.speaker_labels?.segments ?? []), false);
}
