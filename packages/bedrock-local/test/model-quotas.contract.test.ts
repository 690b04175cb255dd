import { ServiceQuotaExceededException } from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createInput,
  createJob,
  HAIKU,
  type Harness,
  putJsonl,
  records,
  startHarness,
  waitForStatus,
} from "./harness.ts";

const NOVA = "amazon.nova-lite-v1:0";
const LLAMA = "meta.llama3-8b-instruct-v1:0";
const SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    quotas: { minRecordsPerJob: 100 },
    modelQuotas: {
      // Keyed by inference-profile id: the quota still belongs to the base model.
      [`us.${HAIKU}`]: { minRecordsPerJob: 10, maxActiveJobs: 2 },
      [LLAMA]: { maxRecordsPerFile: 20 },
      [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`]: { maxJobInputBytes: 5_000 },
    },
  });
});
afterAll(() => h?.stop());

describe("each job is held to its own model's quotas", () => {
  test("records per job: 50 records pass Haiku's minimum of 10 and fail Nova's default of 100", async () => {
    const uri = await putJsonl(h.s3, "shards/per-model/input.jsonl", records(50));
    const haiku = await createJob(h, createInput("min-haiku", uri));
    const nova = await createJob(h, createInput("min-nova", uri, { modelId: NOVA }));
    expect(await waitForStatus(h, haiku, ["Completed", "Failed"])).toMatchObject({ status: "Completed" });
    expect(await waitForStatus(h, nova, ["Completed", "Failed"])).toMatchObject({
      status: "Failed",
      message: expect.stringMatching(/at least 100 records/),
    });
  });

  test("records per file and job size follow the model's entry, whatever id the job names it by", async () => {
    const uri = await putJsonl(h.s3, "shards/per-model-sizes/input.jsonl", records(30));
    const perFile = await createJob(h, createInput("llama-file", uri, { modelId: `us.${LLAMA}` }));
    const perJob = await createJob(h, createInput("sonnet-size", uri, { modelId: SONNET }));
    expect(await waitForStatus(h, perFile, ["Completed", "Failed"])).toMatchObject({
      status: "Failed",
      message: expect.stringMatching(/30 records; the quota is 20 per file/),
    });
    expect(await waitForStatus(h, perJob, ["Completed", "Failed"])).toMatchObject({
      status: "Failed",
      message: expect.stringMatching(/quota is 5000 bytes per job/),
    });
  });

  test("active jobs are counted per base model: a profile id takes one of the model's slots", async () => {
    await h.restart({
      timing: { scale: 1, submittedMs: 60_000 },
      modelQuotas: { [HAIKU]: { maxActiveJobs: 2 }, [NOVA]: { maxActiveJobs: 1 } },
    });
    const uri = await putJsonl(h.s3, "shards/slots/input.jsonl", records(100));
    await createJob(h, createInput("slot-1", uri));
    await createJob(h, createInput("slot-2", uri, { modelId: `us.${HAIKU}` }));
    await expect(
      createJob(
        h,
        createInput("slot-3", uri, { modelId: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}` }),
      ),
    ).rejects.toBeInstanceOf(ServiceQuotaExceededException);
    await createJob(h, createInput("slot-nova", uri, { modelId: NOVA }));
    await expect(createJob(h, createInput("slot-nova-2", uri, { modelId: NOVA }))).rejects.toThrow(
      /amazon.nova-lite-v1:0 would exceed the quota of 1/,
    );
  });
});
