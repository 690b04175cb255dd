import { expect, test } from "vitest";
import { quotasByModel } from "./model-quotas.ts";
import { quotaCatalogue } from "./quota-catalogue.ts";

test("six quotas per named model, AWS's names, sizes in GB, stable codes", () => {
  const quotasOf = quotasByModel({}, { "anthropic.claude-3-haiku-20240307-v1:0": { maxActiveJobs: 20 } });
  const list = () =>
    quotaCatalogue(
      { "anthropic.claude-3-haiku-20240307-v1:0": "Claude 3 Haiku" },
      quotasOf,
      "eu-west-1",
      "1",
    );
  const quotas = list();
  expect(quotas.map((q) => [q.QuotaName, q.Value])).toEqual([
    ["Minimum number of records per batch inference job for Claude 3 Haiku", 100],
    ["Records per batch inference job for Claude 3 Haiku", 50_000],
    ["Records per input file per batch inference job for Claude 3 Haiku", 50_000],
    ["Batch inference input file size (in GB) for Claude 3 Haiku", 0.1953125],
    ["Batch inference job size (in GB) for Claude 3 Haiku", 1],
    ["Sum of in-progress and submitted batch inference jobs using a base model for Claude 3 Haiku", 20],
  ]);
  for (const quota of quotas) {
    expect(quota.QuotaCode).toMatch(/^L-[0-9A-F]{8}$/);
    expect(quota.QuotaArn).toBe(`arn:aws:servicequotas:eu-west-1:1:bedrock/${quota.QuotaCode}`);
  }
  expect(new Set(quotas.map((q) => q.QuotaCode)).size).toBe(6);
  expect(list()).toEqual(quotas);
});
