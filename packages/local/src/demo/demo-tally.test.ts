import type { Envelope } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { DemoTally } from "./demo-tally.ts";

let n = 0;
const event = (type: string, data: Record<string, unknown>): Envelope =>
  ({ id: `e${++n}`, type, version: 1, time: "2026-12-02T00:00:00.000Z", producer: "t", data }) as Envelope;

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const report = (shardId: string, kind: string, total: number, actual: number, onDemand: number) =>
  event("job.reported", {
    shardId,
    kind,
    modelId: HAIKU,
    records: { total },
    tokens: { records: { input: 100 * total, output: 10 * total } },
    cost: { actual, onDemand },
  });

describe("DemoTally", () => {
  test("counts calls by stage, and copies of an event count once", () => {
    const tally = new DemoTally();
    const events = [
      event("transcript.normalized", { transcriptId: "a" }),
      event("transcript.normalized", { transcriptId: "b" }),
      event("transcript.rejected", { reason: { code: "invalid-event" } }),
      event("shard.sealed", { shardId: "s1", records: 2 }),
      event("job.submitted", { shardId: "s1", modelId: HAIKU, kind: "batch" }),
      event("summary.ready", { transcriptId: "a" }),
    ];
    for (const e of [...events, ...events]) tally.add(e);
    expect(tally.stages()).toEqual({ normalized: 3, sharded: 2, inJobs: 2, ended: 2 });
    expect(tally.activeJobs()).toEqual(new Map([[HAIKU, 1]]));
  });

  test("a job's terminal status is not overwritten by a late progress event", () => {
    const tally = new DemoTally();
    tally.add(event("shard.sealed", { shardId: "s1", records: 5 }));
    tally.add(event("job.submitted", { shardId: "s1", modelId: HAIKU, kind: "batch" }));
    tally.add(event("job.finished", { shardId: "s1", modelId: HAIKU, kind: "batch", status: "Completed" }));
    tally.add(
      event("job.progressed", { shardId: "s1", modelId: HAIKU, kind: "batch", status: "InProgress" }),
    );
    expect(tally.summary().jobs.map((j) => j.status)).toEqual(["Completed"]);
    expect(tally.activeJobs().size).toBe(0);
  });

  test("the summary: outcomes by reason, the on-demand share, tokens and cost from the job reports", () => {
    const tally = new DemoTally();
    tally.add(event("summary.failed", { transcriptId: "x", error: { code: "truncated" } }));
    tally.add(event("transcript.rejected", { transcriptId: "y", reason: { code: "oversize" } }));
    tally.add(event("job.finished", { shardId: "b1", modelId: HAIKU, kind: "batch", status: "Completed" }));
    tally.add(
      event("job.finished", { shardId: "d1", modelId: HAIKU, kind: "on-demand", status: "Completed" }),
    );
    expect(tally.unreported()).toBe(2);
    tally.add(report("b1", "batch", 300, 0.5, 1));
    tally.add(report("d1", "on-demand", 100, 0.4, 0.4));
    expect(tally.unreported()).toBe(0);
    expect(tally.summary()).toMatchObject({
      failed: { truncated: 1 },
      rejected: { oversize: 1 },
      onDemandShare: 0.25,
      inputTokens: 40_000,
      outputTokens: 4_000,
      cost: 0.9,
      onDemandCost: 1.4,
    });
  });
});
