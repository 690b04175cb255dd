import { describe, expect, test } from "vitest";
import { generateCalls } from "../generate-calls.ts";
import { cuesOf } from "./read-back.test-support.ts";

const VTT_TIME = /^\d{2}:\d{2}:\d{2}\.\d{3}$/;
const SRT_TIME = /^\d{2}:\d{2}:\d{2},\d{3}$/;
const msOf = (stamp: string) => {
  const [h = 0, m = 0, s = 0, ms = 0] = stamp.split(/[:.,]/).map(Number);
  return ((h * 60 + m) * 60 + s) * 1000 + ms;
};

describe("plain-text", () => {
  const calls = generateCalls({ count: 60, seed: "plain", formats: ["plain-text"] });

  test("a `Agent:` or `Customer:` line per turn, stage directions in asterisks in some calls", () => {
    for (const call of calls) {
      const lines = call.content.split(/\r?\n/).filter((line) => line !== "");
      expect(lines.every((line) => /^(Agent|Customer): \S/.test(line))).toBe(true);
    }
    expect(calls.some((call) => /^(Agent|Customer): \*[a-z ]+\* \S/m.test(call.content))).toBe(true);
    expect(calls.some((call) => call.content.includes("\r\n"))).toBe(true);
  });
});

describe.each([
  { format: "webvtt" as const, pattern: VTT_TIME },
  { format: "srt" as const, pattern: SRT_TIME },
])("$format", ({ format, pattern }) => {
  const calls = generateCalls({ count: 30, seed: "captions", formats: [format] });

  test("timestamps are well formed, each cue ends after it starts and starts after the last one ended", () => {
    for (const call of calls) {
      const cues = cuesOf(call.content);
      expect(cues.length).toBeGreaterThanOrEqual(call.truth.turns);
      for (const [i, cue] of cues.entries()) {
        expect(cue.start).toMatch(pattern);
        expect(cue.end).toMatch(pattern);
        expect(msOf(cue.end)).toBeGreaterThan(msOf(cue.start));
        if (i > 0) expect(msOf(cue.start)).toBeGreaterThanOrEqual(msOf(cues[i - 1]?.end ?? ""));
        expect(cue.lines.length).toBeGreaterThanOrEqual(1);
        expect(cue.lines.length).toBeLessThanOrEqual(2);
      }
    }
  });

  test(
    format === "webvtt"
      ? "opens with WEBVTT; every cue a voice span"
      : "numbers its cues from 1; every cue names its speaker",
    () => {
      for (const call of calls) {
        const cues = cuesOf(call.content);
        const opening = format === "webvtt" ? /^<v (Agent|Customer)>\S/ : /^(Agent|Customer): \S/;
        expect(cues.every((cue) => opening.test(cue.lines[0] ?? ""))).toBe(true);
        if (format === "webvtt") expect(call.content.startsWith("WEBVTT\n\n")).toBe(true);
        else
          expect(call.content.split("\n\n").map((block) => block.split("\n")[0])).toEqual(
            cues.map((_, i) => String(i + 1)),
          );
      }
    },
  );
});
