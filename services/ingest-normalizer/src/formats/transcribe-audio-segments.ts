import { z } from "zod";
import { type TranscribeItem, transcribeTimeSchema } from "./transcribe-items.ts";
import { type Piece, secondsToMs } from "./turns.ts";

const audioSegmentSchema = z
  .object({
    transcript: z.string(),
    start_time: transcribeTimeSchema,
    end_time: transcribeTimeSchema,
    speaker_label: z.string().optional(),
    channel_label: z.string().optional(),
  })
  .refine((segment) => (segment.speaker_label ?? segment.channel_label) !== undefined);

/** Below this share of the word items, audio segments are taken to be cut short, and the items win. */
const MIN_WORD_COVERAGE = 0.9;

/**
 * Pieces from `results.audio_segments`, which newer Transcribe outputs carry: Transcribe's own split of the
 * call into utterances, each with its speaker or channel, already punctuated. Used only when sane: every
 * segment labelled and timed, and together holding (nearly) every recognized word; otherwise undefined,
 * and the turns are rebuilt from the items.
 */
export function audioSegmentPieces(value: unknown, items: readonly TranscribeItem[]): Piece[] | undefined {
  const segments = z.array(audioSegmentSchema).min(1).safeParse(value);
  if (!segments.success) return undefined;
  const words = items.filter((item) => item.type !== "punctuation").length;
  const covered = segments.data.reduce((sum, s) => sum + s.transcript.split(/\s+/).filter(Boolean).length, 0);
  if (covered < words * MIN_WORD_COVERAGE) return undefined;
  const pieces = segments.data.map(
    (segment): Piece => ({
      speaker: segment.speaker_label ?? segment.channel_label ?? "",
      role: "other",
      text: segment.transcript,
      startMs: secondsToMs(segment.start_time),
      endMs: secondsToMs(segment.end_time),
    }),
  );
  // Channel-identified segments may be listed channel by channel; the call is read in time order.
  return pieces.sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
}
