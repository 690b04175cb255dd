import { describe, expect, test } from "vitest";
import { laneCaps, nextShard, type PendingMember, type SealingRules, shardCaps } from "./pack-shards.ts";

const rules: SealingRules = {
  quotas: {
    minRecordsPerJob: 3,
    maxRecordsPerJob: 5,
    maxRecordsPerFile: 10,
    maxInputFileBytes: 1_000,
    maxJobInputBytes: 2_000,
    maxActiveJobs: 2,
  },
  maxWaitSeconds: 60,
  deadlineLeadSeconds: 30,
  tailPolicy: "on-demand",
  lane: "first",
};
const t0 = Date.parse("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const members = (n: number, bytes = 10, extra: Partial<PendingMember> = {}): PendingMember[] =>
  Array.from({ length: n }, (_, i) => ({
    recordId: `r${String(i).padStart(10, "0")}`,
    arrival: `${at(i).toISOString()}#r${i}`,
    bytes,
    ...extra,
  }));

describe("nextShard", () => {
  test("the tighter of the job and file caps bounds a shard", () => {
    expect(shardCaps(rules.quotas)).toEqual({ records: 5, bytes: 1_000 });
  });

  test("seals a full shard at the records cap at once, oldest first, leaving the rest", () => {
    const decision = nextShard(members(7), rules, at(7));
    expect(decision).toMatchObject({ action: "seal", kind: "batch", reason: "records-cap" });
    if (decision.action !== "seal") throw new Error("expected a seal");
    expect(decision.members.map((m) => m.recordId)).toEqual(members(5).map((m) => m.recordId));
  });

  test("seals at the byte cap before the records cap", () => {
    const decision = nextShard(members(5, 300), rules, at(5));
    expect(decision).toMatchObject({ action: "seal", kind: "batch", reason: "bytes-cap" });
    if (decision.action === "seal") expect(decision.members).toHaveLength(3);
  });

  test("waits while nothing is full and nobody has waited maxWait", () => {
    expect(nextShard(members(4), rules, at(59))).toEqual({ action: "wait" });
  });

  test("seals what there is once the oldest has waited maxWait, if it meets the minimum", () => {
    expect(nextShard(members(4), rules, at(60))).toMatchObject({
      action: "seal",
      kind: "batch",
      reason: "max-wait",
    });
  });

  test("a due tail below the minimum goes on-demand; never padded", () => {
    const decision = nextShard(members(2), rules, at(60));
    expect(decision).toMatchObject({ action: "seal", kind: "on-demand", reason: "max-wait" });
    if (decision.action === "seal") expect(decision.members).toHaveLength(2);
  });

  test("under the wait policy a due tail keeps waiting", () => {
    expect(nextShard(members(2), { ...rules, tailPolicy: "wait" }, at(3_600))).toEqual({ action: "wait" });
  });

  test("a deadline drawing near seals early, before maxWait", () => {
    const urgent = members(3, 10, { deadline: at(40).toISOString() });
    expect(nextShard(urgent, rules, at(9))).toEqual({ action: "wait" });
    expect(nextShard(urgent, rules, at(10))).toMatchObject({
      action: "seal",
      kind: "batch",
      reason: "deadline",
    });
  });

  test("nothing pending, nothing to seal", () => {
    expect(nextShard([], rules, at(0))).toEqual({ action: "wait" });
  });
});

describe("nextShard in a retry lane", () => {
  const retry: SealingRules = {
    ...rules,
    quotas: { ...rules.quotas, minRecordsPerJob: 2, maxRecordsPerJob: 45, maxRecordsPerFile: 50 },
    lane: "retry",
  };

  test("a retry shard is a tenth of a full one, rounded up, never below the job minimum", () => {
    expect(laneCaps(retry.quotas, "first").records).toBe(45);
    expect(laneCaps(retry.quotas, "retry")).toEqual({ records: 5, bytes: 1_000 });
    expect(laneCaps({ ...retry.quotas, minRecordsPerJob: 8 }, "retry").records).toBe(8);
  });

  test("seals at the retry cap at once, and a full one is a batch", () => {
    const decision = nextShard(members(12), retry, at(12));
    expect(decision).toMatchObject({ action: "seal", kind: "batch", reason: "records-cap" });
    if (decision.action === "seal") expect(decision.members).toHaveLength(5);
  });

  test("keeps the byte caps", () => {
    const decision = nextShard(members(5, 300), retry, at(5));
    expect(decision).toMatchObject({ action: "seal", kind: "batch", reason: "bytes-cap" });
    if (decision.action === "seal") expect(decision.members).toHaveLength(3);
  });

  test("waits until the oldest retry has waited maxWait, or a deadline draws near", () => {
    expect(nextShard(members(1), retry, at(59))).toEqual({ action: "wait" });
    expect(nextShard(members(1), retry, at(60))).toMatchObject({ action: "seal", reason: "max-wait" });
    const urgent = members(1, 10, { deadline: at(40).toISOString() });
    expect(nextShard(urgent, retry, at(10))).toMatchObject({ action: "seal", reason: "deadline" });
  });

  test("a due retry tail below the minimum goes on-demand, even under the wait policy", () => {
    for (const tailPolicy of ["wait", "on-demand"] as const) {
      const decision = nextShard(members(1), { ...retry, tailPolicy }, at(60));
      expect(decision).toMatchObject({ action: "seal", kind: "on-demand", reason: "max-wait" });
    }
  });
});
