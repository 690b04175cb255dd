import { expect, test } from "vitest";
import { rankKeySentences } from "./key-sentences.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

const utterances = utterancesOf(
  findTranscript(
    [
      "Agent: Thank you for calling Oktank, how can I help you?",
      "Customer: My blender arrived with a cracked jar and the blender motor smells of smoke.",
      "Agent: I'm so sorry to hear that.",
      "Agent: Could you send me a photo of the jar?",
      "Customer: Sure, I can do that right now for you.",
      "Agent: I have ordered a replacement blender jar and a new blender motor, at no cost, $0.00.",
      "Agent: That should fix the blender.",
      "Customer: Great, thank you so much.",
    ].join("\n"),
  )?.turns ?? [],
);

test("ranks sentences by the call's recurring content words and figures", () => {
  const ranked = rankKeySentences(utterances, new Set());
  expect(ranked.map((s) => s.utterance.text)).toEqual([
    "I have ordered a replacement blender jar and a new blender motor, at no cost, $0.00.",
    "My blender arrived with a cracked jar and the blender motor smells of smoke.",
  ]);
  expect(ranked[0]?.utterance.order).toBe(5);
  expect(ranked[0]?.score).toBeGreaterThan(ranked[1]?.score ?? Number.POSITIVE_INFINITY);
});

test("leaves out questions, courtesies, sympathy, short or empty sentences and excluded ones", () => {
  const texts = rankKeySentences(
    utterances,
    new Set(["My blender arrived with a cracked jar and the blender motor smells of smoke."]),
  ).map((s) => s.utterance.text);
  expect(texts).toEqual([
    "I have ordered a replacement blender jar and a new blender motor, at no cost, $0.00.",
  ]);
});
