import type { BatchQuotas as RecapBatchQuotas } from "@recap/shared";
import { describe, expect, expectTypeOf, test } from "vitest";
import { type BatchQuotas, DEFAULT_QUOTAS } from "./config.ts";
import { quotasByModel } from "./model-quotas.ts";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

describe("quotasByModel", () => {
  test("a model with its own entry gets it over the defaults; every other model gets the defaults", () => {
    const quotasOf = quotasByModel({ minRecordsPerJob: 50 }, { [HAIKU]: { maxActiveJobs: 3 } });
    expect(quotasOf(HAIKU)).toEqual({ ...DEFAULT_QUOTAS, minRecordsPerJob: 50, maxActiveJobs: 3 });
    expect(quotasOf("amazon.nova-lite-v1:0")).toEqual({ ...DEFAULT_QUOTAS, minRecordsPerJob: 50 });
  });

  test("inference-profile ids and ARNs, as keys or as the job's model, name the same base model", () => {
    const quotasOf = quotasByModel({}, { [`us.${HAIKU}`]: { maxRecordsPerFile: 7 } });
    expect(quotasOf(HAIKU).maxRecordsPerFile).toBe(7);
    expect(quotasOf(`global.${HAIKU}`).maxRecordsPerFile).toBe(7);
    expect(quotasOf(`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`).maxRecordsPerFile).toBe(7);
  });

  test("a field set to undefined is unset, not a missing quota", () => {
    const quotasOf = quotasByModel(
      { maxActiveJobs: undefined },
      { [HAIKU]: { maxRecordsPerJob: undefined } },
    );
    expect(quotasOf(HAIKU)).toEqual(DEFAULT_QUOTAS);
  });

  test("Recap's configured BatchQuotas is the emulator's BatchQuotas, field for field", () => {
    expectTypeOf<RecapBatchQuotas>().toEqualTypeOf<BatchQuotas>();
  });
});
