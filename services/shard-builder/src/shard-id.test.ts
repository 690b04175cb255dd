import { recordIdOf, shardIdSchema } from "@recap/shared";
import { describe, expect, test } from "vitest";
import type { Group } from "./group-key.ts";
import { shardIdOf } from "./shard-id.ts";

const group: Group = { modelId: "anthropic.claude-3-haiku-20240307-v1:0", profile: "default", lane: "first" };
const ids = ["AAAAAAAAAAA", "BBBBBBBBBBB"];

describe("shardIdOf", () => {
  test("is derived from group, kind and members: the same seal always gets the same id", () => {
    expect(shardIdOf(group, "batch", ids)).toBe(shardIdOf(group, "batch", [...ids]));
    expect(shardIdOf(group, "batch", ids)).not.toBe(shardIdOf(group, "batch", ids.slice(0, 1)));
    expect(shardIdOf(group, "batch", ids)).not.toBe(shardIdOf(group, "on-demand", ids));
    expect(shardIdOf(group, "batch", ids)).not.toBe(
      shardIdOf({ ...group, profile: "notebook" }, "batch", ids),
    );
  });

  test("a retry shard never shares an id with a first-attempt shard, even of the same records", () => {
    for (const kind of ["batch", "on-demand"] as const) {
      expect(shardIdOf({ ...group, lane: "retry" }, kind, ids)).not.toBe(shardIdOf(group, kind, ids));
    }
  });

  test("fits Bedrock's job name and client token alphabets, with room for the stage prefix", () => {
    const id = shardIdOf(group, "batch", ids);
    expect(shardIdSchema.parse(id)).toBe(id);
    expect(`recap-production-${id}`).toMatch(/^[a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9+\-.]){0,63}$/);
    expect(`recap-production-${id}`.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(/^[a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}$/);
  });
});

describe("recordIdOf", () => {
  const unit = { transcriptId: "call-1", version: "0123456789abcdef", profile: "default", attempt: 1 };

  test("is 11 alphanumerics, deterministic per (transcript, version, profile, attempt)", () => {
    expect(recordIdOf(unit)).toMatch(/^[A-Za-z0-9]{11}$/);
    expect(recordIdOf({ ...unit })).toBe(recordIdOf(unit));
    for (const change of [
      { attempt: 2 },
      { profile: "nova-lite" },
      { version: "fedcba9876543210" },
      { transcriptId: "call-2" },
    ]) {
      expect(recordIdOf({ ...unit, ...change })).not.toBe(recordIdOf(unit));
    }
  });

  test("does not collide across 50,000 units (one shard's worth)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(recordIdOf({ ...unit, transcriptId: `call-${i}` }));
    expect(seen.size).toBe(50_000);
  });
});
