import { describe, expect, test } from "vitest";
import { BEDROCK_BATCH_MODELS, BEDROCK_BATCH_QUOTAS, toServiceQuotasUnit } from "./bedrock-batch-quotas.ts";

const quota = (name: string) => BEDROCK_BATCH_QUOTAS.find((q) => q.QuotaName === name);

describe("the checked-in catalogue of Bedrock's batch quotas", () => {
  test("six quotas per model, every code shaped like AWS's and used once", () => {
    expect(BEDROCK_BATCH_QUOTAS).toHaveLength(BEDROCK_BATCH_MODELS.length * 6);
    for (const q of BEDROCK_BATCH_QUOTAS) expect(q.QuotaCode).toMatch(/^L-[0-9A-F]{8}$/);
    expect(new Set(BEDROCK_BATCH_QUOTAS.map((q) => q.QuotaCode)).size).toBe(BEDROCK_BATCH_QUOTAS.length);
    expect(new Set(BEDROCK_BATCH_QUOTAS.map((q) => q.QuotaName)).size).toBe(BEDROCK_BATCH_QUOTAS.length);
  });

  test("Claude 3 Haiku's six quotas carry AWS's names and codes", () => {
    const haiku = BEDROCK_BATCH_QUOTAS.filter((q) => q.modelId === "anthropic.claude-3-haiku-20240307-v1:0");
    expect(Object.fromEntries(haiku.map((q) => [q.QuotaCode, q.QuotaName]))).toEqual({
      "L-1570CF9E":
        "Sum of in-progress and submitted batch inference jobs using a base model for Claude 3 Haiku",
      "L-1F644C2A": "Records per batch inference job for Claude 3 Haiku",
      "L-EBB72C32": "Records per input file per batch inference job for Claude 3 Haiku",
      "L-AE7F26D4": "Minimum number of records per batch inference job for Claude 3 Haiku",
      "L-42ABE687": "Batch inference input file size (in GB) for Claude 3 Haiku",
      "L-79301C5B": "Batch inference job size (in GB) for Claude 3 Haiku",
    });
    expect(haiku.every((q) => q.codeSource !== "made-up")).toBe(true);
  });

  test("display names as Service Quotas writes them; Qwen3's sizes put (in GB) after the model", () => {
    expect(quota("Records per batch inference job for Nova Lite V1")?.QuotaCode).toBe("L-916C9264");
    expect(quota("Records per batch inference job for Nova Lite")).toBeUndefined();
    expect(quota("Batch inference input file size for Qwen3 32B (in GB)")?.QuotaCode).toBe("L-37B69F3F");
    expect(quota("Batch inference job size for Qwen3 32B (in GB)")?.QuotaCode).toBe("L-AED2B25B");
    expect(quota("Batch inference job size (in GB) for Qwen3 32B")).toBeUndefined();
  });

  test("AWS's defaults: 20 jobs, 1 GB a file, 5 GB a job (Nova Pro 100), 50,000 records, a minimum of 100 (Llama 4 Scout 50)", () => {
    const defaults = (modelId: string) =>
      Object.fromEntries(
        BEDROCK_BATCH_QUOTAS.filter((q) => q.modelId === modelId).map((q) => [q.field, q.defaultValue]),
      );
    expect(defaults("anthropic.claude-3-haiku-20240307-v1:0")).toEqual({
      minRecordsPerJob: 100,
      maxRecordsPerJob: 50_000,
      maxRecordsPerFile: 50_000,
      maxInputFileBytes: 1,
      maxJobInputBytes: 5,
      maxActiveJobs: 20,
    });
    expect(defaults("amazon.nova-pro-v1:0").maxJobInputBytes).toBe(100);
    expect(defaults("meta.llama4-scout-17b-instruct-v1:0").minRecordsPerJob).toBe(50);
    for (const q of BEDROCK_BATCH_QUOTAS.filter((q) => q.field === "minRecordsPerJob"))
      expect(q.Adjustable, q.QuotaName).toBe(false);
    for (const q of BEDROCK_BATCH_QUOTAS.filter((q) => q.field === "maxActiveJobs"))
      expect(q.Adjustable, q.QuotaName).toBe(true);
  });

  test("a made-up code is marked as such and stays the same from one start to the next", () => {
    const madeUp = BEDROCK_BATCH_QUOTAS.filter((q) => q.codeSource === "made-up");
    expect(madeUp.map((q) => q.QuotaName)).toContain("Records per batch inference job for Claude Haiku 4.5");
    expect(quota("Records per batch inference job for Claude Haiku 4.5")?.QuotaCode).toBe("L-089547AC");
    expect(madeUp.some((q) => q.modelId === "anthropic.claude-3-haiku-20240307-v1:0")).toBe(false);
  });

  test("sizes go from Recap's bytes to Service Quotas' GB (2^30 bytes); counts stay as they are", () => {
    expect(toServiceQuotasUnit("maxInputFileBytes", 200 * 1024 * 1024)).toBe(0.1953125);
    expect(toServiceQuotasUnit("maxJobInputBytes", 5 * 1024 ** 3)).toBe(5);
    expect(toServiceQuotasUnit("maxActiveJobs", 10)).toBe(10);
  });
});
