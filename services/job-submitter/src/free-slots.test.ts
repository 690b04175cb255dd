import { describe, expect, test } from "vitest";
import { freeSlots, learnedQuota } from "./free-slots.ts";

const now = 1_000_000;

describe("freeSlots", () => {
  test("quota less Bedrock's active jobs", () => {
    expect(freeSlots({ quota: 10, now, activeJobArns: new Set(["a", "b", "c"]), recentJobArns: [] })).toBe(7);
  });

  test("never negative when someone else filled the slots", () => {
    expect(freeSlots({ quota: 2, now, activeJobArns: new Set(["a", "b", "c"]), recentJobArns: [] })).toBe(0);
  });

  test("a job just created but not yet listed still holds its slot; a listed one is not counted twice", () => {
    expect(freeSlots({ quota: 3, now, activeJobArns: new Set(["a"]), recentJobArns: ["a", "b"] })).toBe(1);
  });

  test("a learned quota applies until it expires", () => {
    const learned = { quota: 2, until: now + 1 };
    expect(freeSlots({ quota: 10, learned, now, activeJobArns: new Set(["a"]), recentJobArns: [] })).toBe(1);
    expect(
      freeSlots({ quota: 10, learned, now: now + 1, activeJobArns: new Set(["a"]), recentJobArns: [] }),
    ).toBe(9);
  });

  test("the quota learned from a refusal is what was active, at least one", () => {
    expect(learnedQuota(4)).toBe(4);
    expect(learnedQuota(0)).toBe(1);
  });
});
