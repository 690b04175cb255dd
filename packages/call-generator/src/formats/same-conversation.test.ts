import { describe, expect, test } from "vitest";
import { CALL_FORMATS } from "../call-types.ts";
import { generateCalls } from "../generate-calls.ts";
import { turnsOf } from "./read-back.test-support.ts";

const COUNT = 40;
const reference = generateCalls({ count: COUNT, seed: "same", formats: ["json-turns"] });

describe.each(CALL_FORMATS)("%s", (format) => {
  const calls = generateCalls({ count: COUNT, seed: "same", formats: [format] });

  test("holds the same conversation, turn for turn, as every other format", () => {
    for (const [index, call] of calls.entries()) {
      const expected = reference[index];
      expect(call.truth).toEqual(expected?.truth);
      expect(turnsOf(format, call.content)).toEqual(turnsOf("json-turns", expected?.content ?? ""));
    }
  });

  test("has as many turns as the ground truth says, agent first, the two alternating", () => {
    for (const call of calls) {
      const turns = turnsOf(format, call.content);
      expect(turns).toHaveLength(call.truth.turns);
      expect(turns.every((turn, i) => turn.speaker === (i % 2 === 0 ? "agent" : "customer"))).toBe(true);
    }
  });
});

test("only Contact Lens has chats, and it has voice calls too", () => {
  const channels = (format: (typeof CALL_FORMATS)[number]) =>
    new Set(generateCalls({ count: COUNT, seed: "same", formats: [format] }).map((call) => call.channel));
  expect(channels("contact-lens")).toEqual(new Set(["voice", "chat"]));
  for (const format of CALL_FORMATS.filter((f) => f !== "contact-lens")) {
    expect(channels(format)).toEqual(new Set(["voice"]));
  }
});
