import { textOf } from "../timeline.ts";
import { ACCOUNT_ID, confidence } from "./analytics.ts";
import type { RenderedCall } from "./rendered-call.ts";

/** Transcribe writes seconds as strings with two decimals. */
const seconds = (ms: number) => (ms / 1000).toFixed(2);

/**
 * Raw Amazon Transcribe output with speaker diarization: every word an item with its times, speaker and
 * confidence; punctuation items after the words they close, without times; and `speaker_labels.segments`,
 * one per stretch of one speaker, listing that stretch's words. Speakers are numbered in the order they
 * are first heard, so the agent, who answers, is `spk_0`.
 */
export function transcribe(call: RenderedCall): string {
  const labelOf = (speaker: "agent" | "customer") => (speaker === "agent" ? "spk_0" : "spk_1");
  const items = call.lines.flatMap((line) => {
    const speaker_label = labelOf(line.speaker);
    return line.words.flatMap((word) => [
      {
        start_time: seconds(word.startMs),
        speaker_label,
        end_time: seconds(word.endMs),
        alternatives: [{ confidence: String(confidence(call.random)), content: word.word }],
        type: "pronunciation",
      },
      ...[...word.punctuation].map((mark) => ({
        speaker_label,
        alternatives: [{ confidence: "0.0", content: mark }],
        type: "punctuation",
      })),
    ]);
  });
  const segments = call.lines.map((line) => ({
    start_time: seconds(line.startMs),
    speaker_label: labelOf(line.speaker),
    end_time: seconds(line.endMs),
    items: line.words.map((word) => ({
      start_time: seconds(word.startMs),
      speaker_label: labelOf(line.speaker),
      end_time: seconds(word.endMs),
    })),
  }));
  return JSON.stringify({
    jobName: `recap-${call.transcriptId}`,
    accountId: ACCOUNT_ID,
    results: {
      transcripts: [{ transcript: call.lines.map((line) => textOf(line.words)).join(" ") }],
      speaker_labels: { channel_label: "ch_0", speakers: 2, segments },
      items,
    },
    status: "COMPLETED",
  });
}
