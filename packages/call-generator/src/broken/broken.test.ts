import { MAX_INLINE_TRANSCRIPT_BYTES, transcriptSubmitted } from "@recap/shared";
import { describe, expect, test } from "vitest";
import type { GeneratedCall } from "../call-types.ts";
import { generateCalls } from "../generate-calls.ts";
import { toSubmittedEvent } from "../submitted-event.ts";
import { BROKEN_KINDS, type BrokenKind, brokenKindsByIndex } from "./broken-kinds.ts";

const calls = generateCalls({ count: 240, seed: "broken", broken: 60 });
const brokenAs = (kind: BrokenKind) => calls.filter((call) => call.truth.expectedRejection === kind);
const bytes = (text: string) => Buffer.byteLength(text);

test("exactly the number asked for are broken, every kind ten times, spread over the whole set", () => {
  const broken = calls.flatMap((call, index) => (call.truth.expectedRejection ? [index] : []));
  expect(broken).toHaveLength(60);
  for (const kind of BROKEN_KINDS) expect(brokenAs(kind)).toHaveLength(10);
  expect(Math.min(...broken)).toBeLessThan(40);
  expect(Math.max(...broken)).toBeGreaterThan(200);
});

test("no more broken calls than calls", () => {
  expect(() => brokenKindsByIndex("s", 5, 6)).toThrow(RangeError);
  expect(brokenKindsByIndex("s", 5, 5).size).toBe(5);
});

describe("each broken call is broken the way its truth says", () => {
  test("empty-transcript: nothing but whitespace", () => {
    for (const call of brokenAs("empty-transcript")) {
      expect(call.content.trim()).toBe("");
      expect(call.truth.turns).toBe(0);
    }
  });

  test("no-speech-turns: content in its format, none of the conversation in it", () => {
    for (const call of brokenAs("no-speech-turns")) {
      expect(call.content.trim()).not.toBe("");
      expect(call.content).not.toContain(call.truth.speakers.customer);
      expect(call.content).not.toMatch(/Customer: [^*\s]/);
      expect(call.truth.turns).toBe(0);
    }
  });

  test("unknown-format: markup, JSON of no known shape, or JSON cut short", () => {
    for (const call of brokenAs("unknown-format")) {
      const opening = call.content.trimStart()[0];
      expect(["<", "{", "["]).toContain(opening);
      if (opening === "<") continue;
      const parsed = parsedOrUndefined(call.content);
      if (parsed === undefined) continue;
      const keys = Object.keys(parsed);
      for (const known of ["results", "Transcript", "SpeechSegments", "turns"])
        expect(keys).not.toContain(known);
      if (Array.isArray(parsed)) expect(parsed.every((item) => typeof item === "string")).toBe(true);
    }
  });

  test("bad-encoding: U+FFFD where letters were, still small enough to send inline", () => {
    for (const call of brokenAs("bad-encoding")) {
      expect(call.content).toContain("\uFFFD");
      expect(bytes(call.content)).toBeLessThanOrEqual(MAX_INLINE_TRANSCRIPT_BYTES);
    }
  });

  test("oversize: a long call, over the inline limit and under 250,000 bytes", () => {
    for (const call of brokenAs("oversize")) {
      expect(bytes(call.content)).toBeGreaterThan(MAX_INLINE_TRANSCRIPT_BYTES);
      expect(bytes(call.content)).toBeLessThan(250_000);
      expect(call.truth.turns).toBeGreaterThan(50);
    }
  });

  test("invalid-event: a readable envelope whose data fails the schema", () => {
    const defects = new Set(brokenAs("invalid-event").map((call) => call.eventDefect));
    expect(defects.size).toBeGreaterThan(2);
    for (const call of brokenAs("invalid-event")) {
      expect(transcriptSubmitted.schema.safeParse(toSubmittedEvent(call)).success).toBe(false);
    }
  });
});

test("only invalid-event calls carry an event defect", () => {
  const withDefect = (call: GeneratedCall) => call.eventDefect !== undefined;
  expect(calls.filter(withDefect)).toEqual(brokenAs("invalid-event"));
});

function parsedOrUndefined(content: string): object | undefined {
  try {
    return JSON.parse(content) as object;
  } catch {
    return undefined;
  }
}
