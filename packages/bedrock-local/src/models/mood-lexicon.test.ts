import { expect, test } from "vitest";
import { moodOf } from "./mood-lexicon.ts";
import { wordHashes } from "./word-hash.ts";

const mood = (text: string) => moodOf(wordHashes(text));

test("politeness is not praise: okay, sure, fine and a thanks weigh next to nothing", () => {
  const { positive, negative } = mood("Okay, sure, fine, thanks.");
  expect(positive).toBeLessThan(0.5);
  expect(negative).toBe(0);
});

test("praise and protest count, and a negator flips a word", () => {
  expect(mood("That's perfect, I'm relieved.").positive).toBe(2);
  expect(mood("This is absurd and frankly pathetic.").negative).toBe(2);
  expect(mood("I'm not happy.")).toEqual({ positive: 0, negative: 1 });
});

test("a weight scales the evidence", () => {
  expect(moodOf(wordHashes("great"), 1.5).positive).toBe(1.5);
});
