import { expect, test } from "vitest";
import { appliedFromModels, quotaCodeOf } from "./applied-values.ts";

const MB = 1024 * 1024;
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
/** recap.config.ts's quotas, as the local Bedrock enforces them. */
const recapQuotas = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxInputFileBytes: 200 * MB,
  maxJobInputBytes: 1024 * MB,
  maxActiveJobs: 10,
};

test("only the values that differ from AWS's default are applied, in Service Quotas' units", () => {
  expect(appliedFromModels({ [HAIKU]: recapQuotas })).toEqual({
    applied: { "L-42ABE687": 0.1953125, "L-79301C5B": 1, "L-1570CF9E": 10 },
    uncatalogued: [],
  });
});

test("an inference profile or ARN applies to its base model; a model AWS does not list is reported", () => {
  const { applied, uncatalogued } = appliedFromModels({
    "us.amazon.nova-lite-v1:0": { maxActiveJobs: 3 },
    "arn:aws:bedrock:us-east-1::foundation-model/qwen.qwen3-32b-v1:0": { maxJobInputBytes: 2 * 1024 * MB },
    "acme.model-1": { maxActiveJobs: 1 },
  });
  expect(applied).toEqual({ [quotaCodeOf("amazon.nova-lite-v1:0", "maxActiveJobs")]: 3, "L-AED2B25B": 2 });
  expect(uncatalogued).toEqual(["acme.model-1"]);
});
