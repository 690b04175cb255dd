import { expect, test } from "vitest";
import { createRandom, shuffled } from "./random.ts";

test("a seed always gives the same sequence; another seed another one", () => {
  const draw = (seed: string) => Array.from({ length: 5 }, createRandom(seed).next);
  expect(draw("a")).toEqual(draw("a"));
  expect(draw("a")).not.toEqual(draw("b"));
});

test("ints stay within their bounds and reach both ends", () => {
  const random = createRandom("bounds");
  const seen = new Set(Array.from({ length: 500 }, () => random.int(1, 4)));
  expect(seen).toEqual(new Set([1, 2, 3, 4]));
});

test("a shuffle keeps every item", () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  expect(shuffled(items, createRandom("s")).sort((a, b) => a - b)).toEqual(items);
});
