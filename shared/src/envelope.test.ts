import { describe, expect, test } from "vitest";
import { createEvent, stableStringify } from "./envelope.ts";
import { shardSealed } from "./events/shard.ts";

const data = {
  shardId: "shard-1",
  modelId: "anthropic.claude-3-haiku-20240307-v1:0",
  profile: "default",
  kind: "batch" as const,
  sealedAt: "2026-11-22T10:00:00.000Z",
  inputUri: "s3://recap-store/shards/shard-1/input.jsonl",
  recordMapUri: "s3://recap-store/shards/shard-1/records.json",
  records: 120,
  bytes: 4096,
  estimatedInputTokens: 900,
};

describe("createEvent", () => {
  test("fills the envelope and derives the id from type, correlation id and data", () => {
    const time = new Date("2026-11-22T10:00:00Z");
    const event = createEvent(shardSealed, {
      producer: "shard-builder",
      correlationId: "shard-1",
      data,
      time,
    });
    expect(event).toMatchObject({
      type: "shard.sealed",
      version: 1,
      producer: "shard-builder",
      time: time.toISOString(),
    });
    expect(event.id).toMatch(/^[0-9a-f]{32}$/);
  });

  test("the same input gives the same id whatever the key order; other data gives another id", () => {
    const a = createEvent(shardSealed, { producer: "p", correlationId: "shard-1", data });
    const reordered = Object.fromEntries(Object.entries(data).reverse()) as typeof data;
    const b = createEvent(shardSealed, { producer: "p", correlationId: "shard-1", data: reordered });
    const c = createEvent(shardSealed, {
      producer: "p",
      correlationId: "shard-1",
      data: { ...data, records: 121 },
    });
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
  });

  test("refuses data that fails the event's schema", () => {
    expect(() =>
      createEvent(shardSealed, { producer: "p", correlationId: "shard-1", data: { ...data, records: 0 } }),
    ).toThrow(/records/);
  });
});

describe("stableStringify", () => {
  test("sorts keys at every depth and keeps array order", () => {
    expect(stableStringify({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
