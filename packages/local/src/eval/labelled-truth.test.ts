import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { writeCalls } from "@recap/call-generator/write-calls";
import { afterEach, expect, test } from "vitest";
import { csvRows } from "./csv-rows.ts";
import { LabelledTruthError, loadTruth, parseCsvLabels, parseJsonlLabels } from "./labelled-truth.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "recap-eval-"));
  dirs.push(dir);
  return dir;
}

test("a generated set's truth, the broken calls left out by id", async () => {
  const dir = await tempDir();
  const calls = generateCalls({ count: 12, seed: "eval-truth", broken: 3 });
  await writeCalls(dir, calls);
  const { labels, excluded } = await loadTruth(dir);
  expect(excluded).toHaveLength(3);
  expect(labels).toHaveLength(9);
  const call = calls.find((c) => !c.truth.expectedRejection);
  expect(labels.find((l) => l.transcriptId === call?.transcriptId)).toEqual({
    transcriptId: call?.transcriptId,
    intent: call?.truth.intent,
    callReason: call?.truth.issue,
    resolution: call?.truth.resolution,
    sentiment: call?.truth.sentiment,
    actionItems: call?.truth.actionItems,
  });
});

test("a JSONL file: absent fields stay unlabelled", () => {
  const labels = parseJsonlLabels(
    '{"transcriptId":"a","resolution":"resolved"}\n\n{"transcriptId":"b","sentiment":"mixed","actionItems":[]}\n',
    "labels.jsonl",
  );
  expect(labels).toEqual([
    { transcriptId: "a", resolution: "resolved" },
    { transcriptId: "b", sentiment: "mixed", actionItems: [] },
  ]);
});

test.each([
  ['{"transcriptId":"a"}\n{"transcriptId":"b","resolution":"fixed"}', /labels\.jsonl:2: .*resolution/],
  ['{"transcriptId":"a"}\n{"transcriptId":', /labels\.jsonl:2: not JSON/],
  ['{"transcriptId":"a","mood":"happy"}', /labels\.jsonl:1: .*mood/],
  ['{"transcriptId":"a"}\n{"transcriptId":"a"}', /labels\.jsonl: a is labelled more than once/],
])("a bad JSONL file is refused, naming file and line: %s", (text, message) => {
  expect(() => parseJsonlLabels(text, "labels.jsonl")).toThrow(LabelledTruthError);
  expect(() => parseJsonlLabels(text, "labels.jsonl")).toThrow(message);
});

test("a CSV file: a header of the field names, action items split on semicolons, empty cells unlabelled", () => {
  const text =
    "transcriptId,callReason,resolution,sentiment,actionItems\n" +
    'a,"Charged twice, wants a refund",resolved,,Refund the charge; Email a receipt\n' +
    "b,,escalated,negative,\n";
  expect(parseCsvLabels(text, "labels.csv")).toEqual([
    {
      transcriptId: "a",
      callReason: "Charged twice, wants a refund",
      resolution: "resolved",
      actionItems: ["Refund the charge", "Email a receipt"],
    },
    { transcriptId: "b", resolution: "escalated", sentiment: "negative" },
  ]);
});

test.each([
  ["transcriptId,mood\na,happy\n", /labels\.csv:1: .*unknown: mood/],
  ["resolution\nresolved\n", /labels\.csv:1: the header must name transcriptId/],
  ["transcriptId,resolution\na,resolved\nb,done\n", /labels\.csv:3: .*resolution/],
  ["transcriptId,resolution\na\n", /labels\.csv:2: 1 cells, the header has 2/],
  ['transcriptId,callReason\na,"never closed\n', /labels\.csv: a quoted field opened on line 2/],
])("a bad CSV file is refused, naming file and line: %s", (text, message) => {
  expect(() => parseCsvLabels(text, "labels.csv")).toThrow(message);
});

test("CSV rows: quotes hold commas, line breaks and doubled quotes; rows know their first line", () => {
  expect(csvRows('a,"b, ""c""\nd"\r\n\r\ne,f')).toEqual([
    { line: 1, fields: ["a", 'b, "c"\nd'] },
    { line: 4, fields: ["e", "f"] },
  ]);
});

test("a labelled file is read by its extension", async () => {
  const dir = await tempDir();
  const csv = join(dir, "labels.csv");
  await writeFile(csv, "transcriptId,sentiment\na,neutral\n");
  await expect(loadTruth(csv)).resolves.toEqual({
    labels: [{ transcriptId: "a", sentiment: "neutral" }],
    excluded: [],
  });
});
