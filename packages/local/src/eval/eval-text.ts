import Table from "cli-table3";
import { COMPACT } from "../commands/table-style.ts";
import type { EvalReport, FieldReport } from "./compare-summaries.ts";

/** No colours: a table reads the same in a terminal, a CI log and a file. */
/** Example texts are cut here: a table cell that wraps a paragraph is unreadable. */
const EXAMPLE_CHARS = 70;

const FIELD_TITLES: Record<keyof EvalReport["fields"], string> = {
  callReason: "call reason",
  resolution: "resolution",
  sentiment: "sentiment",
  actionItems: "action items",
};

/** `recap eval`'s report as text: agreement per field, then each field's confusion table and disagreements. */
export function evalText(report: EvalReport): string {
  const overview = new Table({
    head: ["field", "scored", "agreed", "agreement", "missing", "rule"],
    ...COMPACT,
  });
  for (const [key, field] of fieldsOf(report)) {
    overview.push([
      FIELD_TITLES[key],
      field.scored,
      field.agreed,
      percent(field.agreement),
      field.missing,
      field.rule,
    ]);
  }
  const { actionItems } = report.fields;
  const sections = [
    `${report.labelled} labelled calls, ${report.missing.count} without a summary` +
      (report.missing.count > 0
        ? ` (${report.missing.transcriptIds.join(", ")}${more(report.missing)})`
        : ""),
    overview.toString(),
  ];
  if (actionItems.meanItemRecall !== null) {
    sections.push(
      `action items, where both list some (${actionItems.bothListed} calls): ` +
        `${percent(actionItems.meanItemRecall)} of each true item's words in its best-matching summary item, on average`,
    );
  }
  for (const [key, field] of fieldsOf(report)) {
    if (field.scored === 0) continue;
    sections.push(`${FIELD_TITLES[key]}: truth (rows) by summary (columns)`, confusionTable(field));
    if (field.examples.length > 0) sections.push(examplesTable(field));
  }
  return `${sections.join("\n\n")}\n`;
}

function confusionTable(field: FieldReport): string {
  const { labels, counts } = field.confusion;
  const table = new Table({ head: ["", ...labels], ...COMPACT });
  for (const truth of labels) {
    const row = counts[truth];
    if (row) table.push([truth, ...labels.map((predicted) => String(row[predicted] ?? 0))]);
  }
  return table.toString();
}

function examplesTable(field: FieldReport): string {
  const table = new Table({ head: ["transcript", "truth", "summary"], ...COMPACT });
  for (const example of field.examples) {
    table.push([example.transcriptId, cut(example.truth), cut(example.predicted)]);
  }
  return table.toString();
}

function fieldsOf(report: EvalReport): Array<[keyof EvalReport["fields"], FieldReport]> {
  return Object.entries(report.fields) as Array<[keyof EvalReport["fields"], FieldReport]>;
}

function percent(share: number | null): string {
  return share === null ? "-" : `${(share * 100).toFixed(1)} %`;
}

function cut(text: string): string {
  return text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1)}…` : text;
}

function more(missing: EvalReport["missing"]): string {
  const rest = missing.count - missing.transcriptIds.length;
  return rest > 0 ? ` and ${rest} more` : "";
}
