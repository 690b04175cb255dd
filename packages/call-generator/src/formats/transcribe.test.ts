import { expect, test } from "vitest";
import { generateCalls } from "../generate-calls.ts";

type Timed = { start_time: string; end_time: string; speaker_label: string };
type Item = Partial<Timed> & {
  type: string;
  speaker_label: string;
  alternatives: Array<{ content: string }>;
};
type Output = {
  status: string;
  results: {
    transcripts: Array<{ transcript: string }>;
    items: Item[];
    speaker_labels: { speakers: number; segments: Array<Timed & { items: Timed[] }> };
  };
};

const outputs = generateCalls({ count: 30, seed: "transcribe", formats: ["transcribe"] }).map(
  (call) => JSON.parse(call.content) as Output,
);

test("words are timed items with two-decimal second strings, in order; punctuation items have no times", () => {
  for (const { status, results } of outputs) {
    expect(status).toBe("COMPLETED");
    const words = results.items.filter((item) => item.type === "pronunciation");
    for (const item of results.items) {
      if (item.type === "punctuation") expect(item.start_time).toBeUndefined();
      else expect(item.start_time).toMatch(/^\d+\.\d\d$/);
    }
    for (const [i, word] of words.entries()) {
      expect(Number(word.end_time)).toBeGreaterThan(Number(word.start_time));
      if (i > 0) expect(Number(word.start_time)).toBeGreaterThanOrEqual(Number(words[i - 1]?.end_time));
    }
  }
});

test("segments list exactly the word items, with their times and speakers, turn by turn", () => {
  for (const { results } of outputs) {
    const words = results.items.filter((item) => item.type === "pronunciation");
    const listed = results.speaker_labels.segments.flatMap((segment) => {
      expect(segment.start_time).toBe(segment.items[0]?.start_time);
      expect(segment.end_time).toBe(segment.items.at(-1)?.end_time);
      expect(segment.items.every((item) => item.speaker_label === segment.speaker_label)).toBe(true);
      return segment.items;
    });
    expect(listed).toEqual(
      words.map(({ start_time, speaker_label, end_time }) => ({ start_time, speaker_label, end_time })),
    );
    expect(results.speaker_labels.speakers).toBe(2);
    const speakers = results.speaker_labels.segments.map((segment) => segment.speaker_label);
    expect(speakers.every((speaker, i) => speaker === (i % 2 === 0 ? "spk_0" : "spk_1"))).toBe(true);
  }
});

test("the full transcript is the items read in order", () => {
  for (const { results } of outputs) {
    const read = results.items
      .map((item) => (item.type === "punctuation" ? "" : " ") + item.alternatives[0]?.content)
      .join("")
      .trim();
    expect(results.transcripts[0]?.transcript).toBe(read);
  }
});
