import { describe, expect, test } from "vitest";
import { addTotals, costOf, emptyTotals } from "./harvest-totals.ts";

const prices = {
  batch: { inputPerMillion: 0.125, outputPerMillion: 0.625 },
  onDemand: { inputPerMillion: 0.25, outputPerMillion: 1.25 },
  asOf: "2024-12-03",
  source: "https://aws.amazon.com/bedrock/pricing/",
};

describe("harvest totals and cost", () => {
  test("batch tokens cost the batch price, on-demand the on-demand price", () => {
    const tokens = { inputTokens: 2_000_000, outputTokens: 400_000 };
    expect(costOf(tokens, prices, "batch")).toBe(0.5);
    expect(costOf(tokens, prices, "on-demand")).toBe(1);
    expect(costOf(tokens, prices, "on-demand-equivalent")).toBe(1);
  });

  test("a model without prices costs nothing rather than failing the harvest", () => {
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, undefined, "batch")).toBe(0);
  });

  test("totals add field by field, failures by code", () => {
    const a = { ...emptyTotals(), summarized: 3, inputTokens: 10, byFailure: { truncated: 1 } };
    const b = {
      ...emptyTotals(),
      retrying: 2,
      outputTokens: 4,
      byFailure: { truncated: 2, "model-error": 1 },
    };
    expect(addTotals(a, b)).toEqual({
      summarized: 3,
      retrying: 2,
      failed: 0,
      byFailure: { truncated: 3, "model-error": 1 },
      inputTokens: 10,
      outputTokens: 4,
      unreadableLines: 0,
    });
  });
});
