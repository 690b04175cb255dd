import { describe, expect, test } from "vitest";
import { mergeConsecutive, secondsToMs, turnOf } from "./turns.ts";

describe("secondsToMs", () => {
  test.each([
    ["4.87", 4870],
    [4.87, 4870],
    ["0", 0],
    ["0.0004", 0],
    [12, 12_000],
  ])("%s s is %s ms", (seconds, ms) => {
    expect(secondsToMs(seconds)).toBe(ms);
  });

  test.each([["-1"], ["abc"], [""], [undefined], [Number.NaN]])("%s is no time at all", (value) => {
    expect(secondsToMs(value)).toBeUndefined();
  });
});

describe("mergeConsecutive", () => {
  test("joins consecutive pieces of one speaker, spanning from the first start to the latest end", () => {
    const turns = mergeConsecutive([
      { speaker: "spk_0", role: "other", text: "Hello", startMs: 100, endMs: 900 },
      { speaker: "spk_0", role: "other", text: " there. ", startMs: 950, endMs: 1400 },
      { speaker: "spk_1", role: "other", text: "Hi.", startMs: 1200, endMs: 1300 },
      { speaker: "spk_0", role: "other", text: "Bye.", startMs: 2000, endMs: 2500 },
    ]);
    expect(turns).toEqual([
      { speaker: "spk_0", role: "other", text: "Hello there.", startMs: 100, endMs: 1400 },
      { speaker: "spk_1", role: "other", text: "Hi.", startMs: 1200, endMs: 1300 },
      { speaker: "spk_0", role: "other", text: "Bye.", startMs: 2000, endMs: 2500 },
    ]);
  });

  test("drops empty pieces, so speakers either side of one still merge", () => {
    const turns = mergeConsecutive([
      { speaker: "Agent", role: "agent", text: "One." },
      { speaker: "Customer", role: "customer", text: "  " },
      { speaker: "Agent", role: "agent", text: "Two." },
    ]);
    expect(turns).toEqual([{ speaker: "Agent", role: "agent", text: "One. Two." }]);
  });

  test("the same label with another role is another speaker", () => {
    const turns = mergeConsecutive([
      { speaker: "Sam", role: "agent", text: "A" },
      { speaker: "Sam", role: "customer", text: "B" },
    ]);
    expect(turns).toHaveLength(2);
  });

  test("a later piece supplies the start a first untimed piece lacked", () => {
    const turns = mergeConsecutive([
      { speaker: "Agent", role: "agent", text: "A" },
      { speaker: "Agent", role: "agent", text: "B", startMs: 40, endMs: 90 },
    ]);
    expect(turns[0]).toMatchObject({ startMs: 40, endMs: 90 });
  });
});

describe("turnOf", () => {
  test("rounds times to whole milliseconds and leaves out times that are not offsets", () => {
    expect(turnOf({ speaker: "A", role: "other", text: "x", startMs: 10.6, endMs: -5 })).toEqual({
      speaker: "A",
      role: "other",
      text: "x",
      startMs: 11,
    });
  });
});
