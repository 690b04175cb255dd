import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { INTENTS } from "@recap/call-generator/call-types";
import { z } from "zod";
import { csvRows } from "./csv-rows.ts";

/**
 * What a call really was, as far as someone labelled it: each field is scored only when present. `intent`
 * comes from the call generator (one of its intents); people label `callReason` in their own words.
 */
export interface TruthLabel {
  transcriptId: string;
  callReason?: string;
  intent?: (typeof INTENTS)[number];
  resolution?: z.infer<typeof resolutionSchema>;
  sentiment?: z.infer<typeof sentimentSchema>;
  actionItems?: string[];
}

export class LabelledTruthError extends Error {
  override readonly name = "LabelledTruthError";
}

const resolutionSchema = z.enum(["resolved", "unresolved", "escalated", "unknown"]);
const sentimentSchema = z.enum(["positive", "neutral", "negative", "mixed"]);
const labelSchema = z.strictObject({
  transcriptId: z.string().min(1),
  callReason: z.string().min(1).optional(),
  resolution: resolutionSchema.optional(),
  sentiment: sentimentSchema.optional(),
  actionItems: z.array(z.string().min(1)).optional(),
});
const COLUMNS = ["transcriptId", "callReason", "resolution", "sentiment", "actionItems"] as const;

/** The part of a generator's `<id>.truth.json` that is scored; the rest (format, speakers, pii…) is not. */
const generatedTruthSchema = z.object({
  transcriptId: z.string().min(1),
  intent: z.enum(INTENTS),
  issue: z.string(),
  resolution: z.enum(["resolved", "unresolved", "escalated"]),
  sentiment: sentimentSchema,
  actionItems: z.array(z.string()),
  expectedRejection: z.string().optional(),
});

/** The labels a path holds: a directory written by `recap generate`, or a `.jsonl` or `.csv` labelled file. */
export async function loadTruth(path: string): Promise<{ labels: TruthLabel[]; excluded: string[] }> {
  if ((await stat(path)).isDirectory()) return loadGeneratedTruth(path);
  const text = await readFile(path, "utf8");
  const labels = path.toLowerCase().endsWith(".csv")
    ? parseCsvLabels(text, path)
    : parseJsonlLabels(text, path);
  return { labels, excluded: [] };
}

/**
 * Every `<id>.truth.json` of a generated set. The deliberately broken calls (`expectedRejection`) never get a
 * summary, by design: they are left out, by id, rather than counted as missing.
 */
export async function loadGeneratedTruth(dir: string): Promise<{ labels: TruthLabel[]; excluded: string[] }> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".truth.json")).sort();
  if (files.length === 0)
    throw new LabelledTruthError(`${dir}: no *.truth.json files (is it a recap generate folder?)`);
  const labels: TruthLabel[] = [];
  const excluded: string[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const truth = generatedTruthOf(parseJson(await readFile(file, "utf8"), file), file);
    if (truth.expectedRejection) excluded.push(truth.label.transcriptId);
    else labels.push(truth.label);
  }
  return { labels, excluded };
}

/** One generator truth object as a label: its issue sentence is the call reason, its intent kept beside it. */
export function generatedTruthOf(
  value: unknown,
  file: string,
): { label: TruthLabel; expectedRejection?: string } {
  const truth = check(generatedTruthSchema, value, file);
  const { transcriptId, intent, issue, resolution, sentiment, actionItems, expectedRejection } = truth;
  return {
    label: { transcriptId, intent, callReason: issue, resolution, sentiment, actionItems },
    ...(expectedRejection ? { expectedRejection } : {}),
  };
}

/** A JSONL labelled file: one `{transcriptId, callReason?, resolution?, sentiment?, actionItems?}` a line. */
export function parseJsonlLabels(text: string, file: string): TruthLabel[] {
  const labels: TruthLabel[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${file}:${index + 1}`;
    labels.push(check(labelSchema, parseJson(line, where), where));
  });
  return unique(labels, file);
}

/**
 * A CSV labelled file: a header row naming some of the columns (`transcriptId` required), a label a row.
 * Empty cells are unlabelled; action items are `;`-separated in their cell.
 */
export function parseCsvLabels(text: string, file: string): TruthLabel[] {
  let rows: ReturnType<typeof csvRows>;
  try {
    rows = csvRows(text);
  } catch (error) {
    throw new LabelledTruthError(`${file}: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new LabelledTruthError(`${file}: empty; expected a header row`);
  const columns = header.fields.map((name) => name.trim());
  const unknown = columns.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0 || !columns.includes("transcriptId")) {
    throw new LabelledTruthError(
      `${file}:${header.line}: the header must name transcriptId and only ${COLUMNS.join(", ")}` +
        (unknown.length > 0 ? `; unknown: ${unknown.join(", ")}` : ""),
    );
  }
  const labels = body.map(({ line, fields }) => {
    const where = `${file}:${line}`;
    if (fields.length !== columns.length) {
      throw new LabelledTruthError(`${where}: ${fields.length} cells, the header has ${columns.length}`);
    }
    const record: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const cell = fields[i]?.trim() ?? "";
      if (cell === "") return;
      record[column] =
        column === "actionItems"
          ? cell
              .split(";")
              .map((item) => item.trim())
              .filter(Boolean)
          : cell;
    });
    return check(labelSchema, record, where);
  });
  return unique(labels, file);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LabelledTruthError(`${where}: not JSON: ${(error as Error).message}`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new LabelledTruthError(`${where}: ${z.prettifyError(result.error).replace(/\n/g, "; ")}`);
}

/** A transcript labelled twice would be scored twice, or by whichever label came last: refuse it instead. */
function unique(labels: TruthLabel[], file: string): TruthLabel[] {
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label.transcriptId)) {
      throw new LabelledTruthError(`${file}: ${label.transcriptId} is labelled more than once`);
    }
    seen.add(label.transcriptId);
  }
  return labels;
}
