import { expect, test } from "vitest";
import { compareWithTruth } from "./compare-summaries.ts";
import { evalText } from "./eval-text.ts";

test("the text report: agreement per field, then confusion tables and disagreements", () => {
  const report = compareWithTruth([
    {
      truth: {
        transcriptId: "call-1",
        resolution: "resolved",
        sentiment: "positive",
        actionItems: ["Refund it"],
      },
      summary: {
        callReason: "A refund.",
        resolution: "unresolved",
        sentiment: "positive",
        actionItems: ["Refund it"],
      },
    },
    { truth: { transcriptId: "call-2", resolution: "escalated" } },
  ]);
  const text = evalText(report);
  expect(text).toMatch(/2 labelled calls, 1 without a summary \(call-2\)/);
  expect(text).toMatch(/resolution\s+│ 1\s+│ 0\s+│ 0\.0 %\s+│ 1/);
  expect(text).toMatch(/sentiment\s+│ 1\s+│ 1\s+│ 100\.0 %/);
  expect(text).toMatch(/resolution: truth \(rows\) by summary \(columns\)/);
  expect(text).toMatch(/call-1\s+│ resolved\s+│ unresolved/);
  expect(text).toMatch(/100\.0 % of each true item's words/);
  expect(text).not.toMatch(/call reason: truth/);
});
