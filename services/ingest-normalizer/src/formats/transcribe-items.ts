import { z } from "zod";
import { type Piece, secondsToMs, UNIDENTIFIED_SPEAKER } from "./turns.ts";

/** Transcribe writes times as strings of seconds ("4.87"); re-serialized copies sometimes hold numbers. */
export const transcribeTimeSchema = z.union([z.string(), z.number()]);

export const transcribeItemSchema = z.object({
  type: z.string(),
  alternatives: z.array(z.object({ content: z.string() })).min(1),
  start_time: transcribeTimeSchema.optional(),
  end_time: transcribeTimeSchema.optional(),
  speaker_label: z.string().optional(),
});
export type TranscribeItem = z.infer<typeof transcribeItemSchema>;

export const speakerSegmentSchema = z.object({
  speaker_label: z.string(),
  items: z.array(z.object({ start_time: transcribeTimeSchema, speaker_label: z.string().optional() })),
});

const SENTENCE_END = /[.?!]$/;
/** Silence long enough for the other side to have spoken: where a channel's speech is cut for interleaving. */
const PAUSE_MS = 1000;

/**
 * Pieces from word items in order. A punctuation item carries no time and no reliable speaker, so it is
 * glued to the word before it ("hour" + "." → "hour."). A new piece starts when the speaker changes and,
 * with `forInterleaving`, after a sentence ends or a pause, so channels can be interleaved by time
 * without cutting either side's sentences (Transcribe does not always punctuate a channel's long pauses).
 */
export function piecesFromItems(
  items: readonly TranscribeItem[],
  speakerOf: (item: TranscribeItem) => string,
  forInterleaving: boolean,
): Piece[] {
  const pieces: Piece[] = [];
  let open = false;
  for (const item of items) {
    const content = item.alternatives[0]?.content ?? "";
    const last = pieces.at(-1);
    if (item.type === "punctuation") {
      if (!last) continue;
      last.text += content;
      if (forInterleaving && SENTENCE_END.test(content)) open = false;
      continue;
    }
    const speaker = speakerOf(item);
    const startMs = secondsToMs(item.start_time);
    const endMs = secondsToMs(item.end_time);
    const paused = forInterleaving && (startMs ?? 0) - (last?.endMs ?? 0) >= PAUSE_MS;
    if (last && open && !paused && last.speaker === speaker) {
      last.text += ` ${content}`;
      if (endMs !== undefined) last.endMs = endMs;
    } else {
      pieces.push({ speaker, role: "other", text: content, startMs, endMs });
    }
    open = true;
  }
  return pieces;
}

/**
 * Who says each word of a diarized transcript. Newer outputs label every item; older ones label only the
 * items listed under `speaker_labels.segments`, matched here by start time. A word no segment covers
 * belongs to whoever spoke last: diarization does not change speaker mid-silence.
 */
export function diarizedSpeakerOf(
  segments: ReadonlyArray<z.infer<typeof speakerSegmentSchema>>,
): (item: TranscribeItem) => string {
  const byStart = new Map<number, string>();
  for (const segment of segments) {
    for (const item of segment.items) {
      const ms = secondsToMs(item.start_time);
      if (ms !== undefined) byStart.set(ms, item.speaker_label ?? segment.speaker_label);
    }
  }
  let previous = UNIDENTIFIED_SPEAKER;
  return (item) => {
    const ms = secondsToMs(item.start_time);
    previous = item.speaker_label ?? (ms === undefined ? undefined : byStart.get(ms)) ?? previous;
    return previous;
  };
}
