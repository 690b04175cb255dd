import { describe, expect, test } from "vitest";
import { CALL_FORMATS, INTENTS, RESOLUTIONS } from "./call-types.ts";
import { generateCalls } from "./generate-calls.ts";

describe("determinism", () => {
  test("the same seed gives the same calls, byte for byte", () => {
    const options = { count: 60, seed: 42, broken: 12 };
    expect(generateCalls(options)).toEqual(generateCalls(options));
  });

  test("another seed gives other calls, under other ids", () => {
    const a = generateCalls({ count: 20, seed: 1 });
    const b = generateCalls({ count: 20, seed: 2 });
    for (const [i, call] of a.entries()) {
      expect(call.content).not.toBe(b[i]?.content);
      expect(call.transcriptId).not.toBe(b[i]?.transcriptId);
    }
  });

  test("a call does not depend on how many are generated after it", () => {
    expect(generateCalls({ count: 30, seed: "s" })).toEqual(
      generateCalls({ count: 50, seed: "s" }).slice(0, 30),
    );
  });

  test("ids are safe and numbered; a seed that is not safe in an id is replaced by a digest", () => {
    expect(generateCalls({ count: 2, seed: 7 }).map((c) => c.transcriptId)).toEqual([
      "call-7-00001",
      "call-7-00002",
    ]);
    const [odd] = generateCalls({ count: 1, seed: "demo run/2" });
    expect(odd?.transcriptId).toMatch(/^call-[0-9a-f]{8}-00001$/);
  });
});

describe("variety in 200 calls", () => {
  const calls = generateCalls({ count: 200, seed: "variety" });
  const truths = calls.map((call) => call.truth);

  test("every intent, resolution, tone, sentiment and format occurs", () => {
    expect(new Set(truths.map((t) => t.intent))).toEqual(new Set(INTENTS));
    expect(new Set(truths.map((t) => t.resolution))).toEqual(new Set(RESOLUTIONS));
    expect(new Set(truths.map((t) => t.tone))).toEqual(new Set(["calm", "angry"]));
    expect(new Set(truths.map((t) => t.sentiment))).toEqual(
      new Set(["positive", "neutral", "negative", "mixed"]),
    );
    expect(new Set(calls.map((c) => c.format))).toEqual(new Set(CALL_FORMATS));
  });

  test("no two calls are alike; issues vary, and so do the lengths of calls", () => {
    expect(new Set(calls.map((c) => c.content)).size).toBe(calls.length);
    expect(new Set(truths.map((t) => t.issue)).size).toBeGreaterThan(100);
    expect(new Set(truths.map((t) => t.turns)).size).toBeGreaterThan(5);
  });

  test("some calls say personal data of every kind, and the truth lists what each says", () => {
    expect(new Set(truths.flatMap((t) => t.pii))).toEqual(new Set(["address", "card", "email", "phone"]));
    const withPii = truths.filter((t) => t.pii.length > 0).length;
    expect(withPii).toBeGreaterThan(40);
    expect(withPii).toBeLessThan(160);
    for (const call of calls.filter((c) => c.format === "plain-text")) {
      expect(/\d{4} \d{4} \d{4} \d{4}/.test(call.content)).toBe(call.truth.pii.includes("card"));
      expect(/@example\.(com|net|org)/.test(call.content)).toBe(call.truth.pii.includes("email"));
      expect(/\d{3}-555-01\d\d/.test(call.content)).toBe(call.truth.pii.includes("phone"));
    }
  });

  test("angry customers speak differently from calm ones, not just under another label", () => {
    const opening = (tone: string) =>
      new Set(
        calls
          .filter((c) => c.format === "plain-text" && c.truth.tone === tone)
          .map((c) => c.content.split("\n")[1]),
      );
    const calm = opening("calm");
    expect([...opening("angry")].some((line) => calm.has(line))).toBe(false);
  });

  test("metadata names tenant, call center, the intent's queue and agent", () => {
    for (const call of calls) {
      expect(Object.keys(call.metadata).sort()).toEqual(["agentId", "callCenter", "queue", "tenant"]);
    }
    expect(new Set(calls.map((c) => c.metadata.queue)).size).toBe(INTENTS.length);
  });

  test("only the formats asked for", () => {
    const only = generateCalls({ count: 20, seed: "x", formats: ["srt", "webvtt"] });
    expect(new Set(only.map((c) => c.format))).toEqual(new Set(["srt", "webvtt"]));
  });
});
