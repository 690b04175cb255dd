import { describe, expect, test } from "vitest";
import type { Cue } from "./caption-cues.ts";
import { captionTurns } from "./caption-speakers.ts";

const cues = (...texts: string[]): Cue[] =>
  texts.map((text, i) => ({ startMs: i * 1000, endMs: i * 1000 + 900, lines: text.split("\n") }));
const said = (...texts: string[]) => captionTurns(cues(...texts)).map((t) => [t.speaker, t.role, t.text]);

describe("captionTurns", () => {
  test("voice spans name speakers, even two in one cue; other tags and entities become text", () => {
    expect(said("<v Agent>Hi &amp; welcome</v>", "<v.loud Jane>It's <b>broken</b>\n<v Agent>Oh no")).toEqual([
      ["Agent", "agent", "Hi & welcome"],
      ["Jane", "other", "It's broken"],
      ["Agent", "agent", "Oh no"],
    ]);
  });

  test("a `Name:` prefix counts when it names a role or recurs; a one-off stays speech", () => {
    expect(said("Customer: Hello", "Note: I am on a train", "Agent: Hi")).toEqual([
      ["Customer", "customer", "Hello Note: I am on a train"],
      ["Agent", "agent", "Hi"],
    ]);
    expect(said("Jane: Hello", "Omar: Hi", "Jane: Bye", "Omar: Bye")).toHaveLength(4);
  });

  test("a capitalised `[Name]` that recurs is a speaker; a lower-case `[sound]` stays in the text", () => {
    expect(said("[Mia] Ready?", "[Leo] Yes.", "[laughs] Go on.", "[Mia] Now.", "[Leo] Done.")).toEqual([
      ["Mia", "other", "Ready?"],
      ["Leo", "other", "Yes. [laughs] Go on."],
      ["Mia", "other", "Now."],
      ["Leo", "other", "Done."],
    ]);
  });

  test("dialogue marks are dropped; lines without a speaker continue the current one", () => {
    expect(said(">> Agent: Hello.", "- How are you?", "Customer: Fine.")).toEqual([
      ["Agent", "agent", "Hello. How are you?"],
      ["Customer", "customer", "Fine."],
    ]);
  });

  test("captions that name nobody make one turn by an unidentified speaker", () => {
    const turns = captionTurns(cues("Hello there.", "General Kenobi."));
    expect(turns).toEqual([
      {
        speaker: "unidentified",
        role: "other",
        text: "Hello there. General Kenobi.",
        startMs: 0,
        endMs: 1900,
      },
    ]);
  });
});
