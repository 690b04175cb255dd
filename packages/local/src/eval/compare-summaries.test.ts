import { expect, test } from "vitest";
import { compareWithTruth, type EvalPair, type ScoredSummary } from "./compare-summaries.ts";

const summary = (fields: Partial<ScoredSummary>): ScoredSummary => ({
  callReason: "The customer is calling about a double charge on their bill.",
  resolution: "resolved",
  sentiment: "neutral",
  actionItems: [],
  ...fields,
});

test("agreement, confusion and disagreements for the enum fields; a missing summary is missing, not scored", () => {
  const pairs: EvalPair[] = [
    {
      truth: { transcriptId: "a", resolution: "resolved", sentiment: "positive" },
      summary: summary({ sentiment: "positive" }),
    },
    {
      truth: { transcriptId: "b", resolution: "escalated", sentiment: "negative" },
      summary: summary({ sentiment: "mixed" }),
    },
    { truth: { transcriptId: "c", resolution: "unresolved" } },
  ];
  const { fields, missing, labelled } = compareWithTruth(pairs);
  expect(labelled).toBe(3);
  expect(missing).toEqual({ count: 1, transcriptIds: ["c"] });
  expect(fields.resolution).toMatchObject({ scored: 2, agreed: 1, agreement: 0.5, missing: 1 });
  expect(fields.resolution.confusion.counts).toEqual({
    resolved: { resolved: 1 },
    escalated: { resolved: 1 },
  });
  expect(fields.resolution.confusion.labels).toEqual(["resolved", "unresolved", "escalated", "unknown"]);
  expect(fields.resolution.examples).toEqual([
    { transcriptId: "b", truth: "escalated", predicted: "resolved" },
  ]);
  expect(fields.sentiment).toMatchObject({ scored: 2, agreed: 1, missing: 0 });
  expect(fields.callReason).toMatchObject({ scored: 0, agreement: null });
});

test("a generator intent is matched by classifying the summary's reason text", () => {
  const { fields } = compareWithTruth([
    {
      truth: { transcriptId: "a", intent: "billing-dispute", callReason: "Charged twice" },
      summary: summary({}),
    },
    {
      truth: { transcriptId: "b", intent: "address-change" },
      summary: summary({ callReason: "The customer moved and needs the new address on file." }),
    },
    {
      truth: { transcriptId: "c", intent: "cancellation" },
      summary: summary({ callReason: "Their account number is 1234." }),
    },
  ]);
  expect(fields.callReason).toMatchObject({ scored: 3, agreed: 2 });
  expect(fields.callReason.confusion.labels).toEqual([
    "billing-dispute",
    "cancellation",
    "address-change",
    "other",
  ]);
  expect(fields.callReason.examples).toEqual([
    { transcriptId: "c", truth: "cancellation", predicted: "Their account number is 1234." },
  ]);
});

test("a labeller's reason text agrees when the summary says at least half of its content words", () => {
  const { fields } = compareWithTruth([
    { truth: { transcriptId: "a", callReason: "double charge on the bill" }, summary: summary({}) },
    {
      truth: { transcriptId: "b", callReason: "router keeps dropping the connection" },
      summary: summary({}),
    },
  ]);
  expect(fields.callReason).toMatchObject({ scored: 2, agreed: 1 });
  expect(fields.callReason.rule).toMatch(/half the label's content words/);
  expect(fields.callReason.confusion.counts).toEqual({ same: { same: 1, different: 1 } });
});

test("action items agree on listing some or none; how close the items are is a separate recall", () => {
  const { fields } = compareWithTruth([
    {
      truth: { transcriptId: "a", actionItems: ["Refund the duplicate charge", "Email a receipt"] },
      summary: summary({ actionItems: ["The agent will refund the duplicate charge."] }),
    },
    { truth: { transcriptId: "b", actionItems: [] }, summary: summary({ actionItems: [] }) },
    {
      truth: { transcriptId: "c", actionItems: ["Call back Friday"] },
      summary: summary({ actionItems: [] }),
    },
  ]);
  expect(fields.actionItems).toMatchObject({ scored: 3, agreed: 2, bothListed: 1, meanItemRecall: 0.5 });
  expect(fields.actionItems.examples).toEqual([
    { transcriptId: "c", truth: "Call back Friday", predicted: "(none)" },
  ]);
});

test("the report is plain data: it survives JSON as is", () => {
  const report = compareWithTruth([
    {
      truth: { transcriptId: "a", resolution: "resolved", intent: "password-reset", actionItems: [] },
      summary: summary({}),
    },
  ]);
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
});
