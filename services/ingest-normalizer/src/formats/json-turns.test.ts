import { describe, expect, test } from "vitest";
import { thrown } from "./fixtures/thrown.ts";
import { detect, parse } from "./json-turns.ts";

const turnsOf = (value: unknown) => parse(JSON.stringify(value)).turns;

describe("json-turns detect", () => {
  test("an array (or `turns`) of objects with text and a speaker or role", () => {
    expect(detect("", [{ speaker: "Agent", text: "Hi" }])).toBe(true);
    expect(detect("", { turns: [{ role: "customer", text: "Hi" }] })).toBe(true);
    expect(detect("", [{ text: "Hi" }])).toBe(false);
    expect(detect("", [{ speaker: "Agent", content: "Hi" }])).toBe(false);
    expect(detect("", [1, 2])).toBe(false);
    expect(detect("", { items: [] })).toBe(false);
  });
});

describe("json-turns parse", () => {
  test("roles from an explicit role, else from the speaker's name; turns kept as given", () => {
    const turns = turnsOf([
      { speaker: "Jane", role: "agent", text: "Hello." },
      { speaker: "Caller", text: "Hi." },
      { speaker: "Caller", text: "Me again." },
      { role: "IVR", text: "Goodbye." },
      { speaker: "Bob", text: "  " },
    ]);
    expect(turns.map((t) => [t.speaker, t.role, t.text])).toEqual([
      ["Jane", "agent", "Hello."],
      ["Caller", "customer", "Hi."],
      ["Caller", "customer", "Me again."],
      ["IVR", "system", "Goodbye."],
    ]);
  });

  test.each([
    ["fractions: seconds", [0.5, 2.25], [500, 2250]],
    ["small whole numbers: seconds", [3, 5], [3000, 5000]],
    ["numeric strings: seconds", ["1.5", "2"], [1500, 2000]],
    ["whole numbers past 14,400: milliseconds", [14_000, 15_000], [14_000, 15_000]],
  ])("times as %s", (_rule, [start, end], [startMs, endMs]) => {
    expect(turnsOf({ turns: [{ speaker: "Agent", text: "Hi", start, end }] })[0]).toMatchObject({
      startMs,
      endMs,
    });
  });

  test("a turn without text is a shape error that names it", () => {
    const error = thrown(() => parse("", [{ speaker: "Agent", text: "Hi" }, { speaker: "Agent" }]));
    expect(error.code).toBe("malformed-transcript");
    expect(error.message).toContain("`1.text`");
  });

  test("a turn with neither speaker nor role says what it needs", () => {
    expect(thrown(() => parse("", [{ speaker: " ", text: "Hi" }])).message).toContain(
      "needs a `speaker` or a `role`",
    );
  });
});
