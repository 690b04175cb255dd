const ENGLISH = ["I", "would", "like", "to", "check", "the", "status", "of", "my", "refund", "please"];
/** A Russian call (ru-RU): text past Latin-1, which V8 holds two bytes a character once decoded. */
export const RUSSIAN = ["Я", "хотел", "бы", "проверить", "статус", "моего", "возврата", "пожалуйста"];

/**
 * Raw Amazon Transcribe output with speaker diarization for a call of `turns` alternating turns: word items
 * with timings and confidences, punctuation items, and speaker segments. A long call's output is megabytes of
 * JSON around a transcript a model can still take.
 */
export function transcribeOutput(
  turns: number,
  wordsPerTurn: number,
  words: readonly string[] = ENGLISH,
): string {
  const items: unknown[] = [];
  const segments: unknown[] = [];
  let time = 0;
  for (let t = 0; t < turns; t++) {
    const speaker = `spk_${t % 2}`;
    const segmentItems: unknown[] = [];
    const start = time;
    for (let w = 0; w < wordsPerTurn; w++) {
      const item = {
        start_time: time.toFixed(3),
        end_time: (time + 0.3).toFixed(3),
        alternatives: [{ confidence: "0.998", content: words[(t + w) % words.length] }],
        type: "pronunciation",
        speaker_label: speaker,
      };
      items.push(item);
      segmentItems.push({ start_time: item.start_time, end_time: item.end_time, speaker_label: speaker });
      time += 0.35;
    }
    items.push({
      alternatives: [{ confidence: "0.0", content: "." }],
      type: "punctuation",
      speaker_label: speaker,
    });
    segments.push({
      start_time: start.toFixed(3),
      end_time: time.toFixed(3),
      speaker_label: speaker,
      items: segmentItems,
    });
    time += 0.5;
  }
  return JSON.stringify({
    jobName: "long-call",
    accountId: "000000000000",
    status: "COMPLETED",
    results: { transcripts: [{ transcript: "" }], speaker_labels: { speakers: 2, segments }, items },
  });
}
