import { describe, expect, test } from "vitest";
import { UsageMeter } from "./usage-meter.ts";
import { usageSchema } from "./usage-schema.ts";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const NOVA = "amazon.nova-lite-v1:0";

describe("UsageMeter", () => {
  test("sums batch jobs and on-demand calls by model, and lists each job", () => {
    const meter = new UsageMeter();
    meter.record({
      kind: "batch-job",
      jobArn: "job-a",
      modelId: HAIKU,
      records: 90,
      inputTokens: 9000,
      outputTokens: 900,
    });
    meter.record({
      kind: "batch-job",
      jobArn: "job-b",
      modelId: HAIKU,
      records: 10,
      inputTokens: 1000,
      outputTokens: 100,
    });
    meter.record({ kind: "on-demand", modelId: HAIKU, inputTokens: 50, outputTokens: 5 });
    meter.record({ kind: "on-demand", modelId: NOVA, inputTokens: 70, outputTokens: 7 });
    meter.record({ kind: "on-demand", modelId: NOVA, inputTokens: 30, outputTokens: 3 });
    const usage = usageSchema.parse(meter.usage());
    expect(usage.models[HAIKU]).toEqual({
      batchInputTokens: 10_000,
      batchOutputTokens: 1_000,
      batchRecords: 100,
      onDemandInputTokens: 50,
      onDemandOutputTokens: 5,
      onDemandCalls: 1,
    });
    expect(usage.models[NOVA]).toMatchObject({ batchRecords: 0, onDemandInputTokens: 100, onDemandCalls: 2 });
    expect(Object.keys(usage.jobs)).toEqual(["job-a", "job-b"]);
  });

  test("a job billed again (run again after a restart) replaces its earlier bill instead of adding to it", () => {
    const meter = new UsageMeter();
    meter.record({
      kind: "batch-job",
      jobArn: "job-a",
      modelId: HAIKU,
      records: 40,
      inputTokens: 400,
      outputTokens: 40,
    });
    meter.record({
      kind: "batch-job",
      jobArn: "job-a",
      modelId: HAIKU,
      records: 100,
      inputTokens: 1000,
      outputTokens: 100,
    });
    expect(meter.usage().models[HAIKU]).toMatchObject({ batchRecords: 100, batchInputTokens: 1000 });
  });
});
