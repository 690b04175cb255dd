import { describe, expect, test } from "vitest";
import type { JobReport } from "../inspect/job-reports.ts";
import { totalsByModelAndProfile, when } from "./report.ts";

const report = (over: Partial<JobReport> & Pick<JobReport, "modelId" | "profile" | "kind">): JobReport => ({
  shardId: "s",
  jobArn: "arn:aws:bedrock:us-east-1:1:model-invocation-job/x",
  status: "Completed",
  reportUri: "s3://b/reports/s.json",
  records: { total: 10, summarized: 8, retrying: 1, failed: 1, byFailure: {} },
  tokens: { records: { input: 1000, output: 200 } },
  cost: { currency: "USD", actual: 0.5, onDemand: 1, saving: 0.5 },
  harvestedAt: "2026-12-01T00:00:00Z",
  ...over,
});

describe("totalsByModelAndProfile", () => {
  test("one row per model and profile, batch jobs counted apart, every figure summed", () => {
    const rows = totalsByModelAndProfile([
      report({ modelId: "m1", profile: "default", kind: "batch" }),
      report({
        modelId: "m1",
        profile: "default",
        kind: "on-demand",
        cost: { currency: "USD", actual: 1, onDemand: 1, saving: 0 },
      }),
      report({ modelId: "m1", profile: "notebook", kind: "batch" }),
    ]);
    expect(rows).toEqual([
      {
        modelId: "m1",
        profile: "default",
        jobs: 2,
        batchJobs: 1,
        records: 20,
        summarized: 16,
        retried: 2,
        failed: 2,
        inputTokens: 2000,
        outputTokens: 400,
        cost: 1.5,
        onDemandCost: 2,
        saving: 0.5,
      },
      expect.objectContaining({ profile: "notebook", jobs: 1, batchJobs: 1, summarized: 8 }),
    ]);
  });

  test("no reports, no rows", () => {
    expect(totalsByModelAndProfile([])).toEqual([]);
  });
});

describe("when", () => {
  test("an ISO time as it is; an age back from now", () => {
    expect(when("2026-12-01T00:00Z").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    // Bracketed by clock reads on both sides: when() reads the clock between them.
    const before = Date.now();
    const since = when("90m").getTime();
    const after = Date.now();
    expect(since).toBeGreaterThanOrEqual(before - 90 * 60_000);
    expect(since).toBeLessThanOrEqual(after - 90 * 60_000);
  });

  test.each(["yesterday", "24 h", "12/01/2026", "7w"])("refuses %s", (value) => {
    expect(() => when(value)).toThrow(/ISO 8601 time .* or an age/);
  });
});
