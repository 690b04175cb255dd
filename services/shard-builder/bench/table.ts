/** One list of columns, printed twice: aligned for the terminal, and as Markdown for the README. */
import { count, duration, percent, ratio } from "./format.ts";
import type { DesignMetrics } from "./metrics.ts";

export interface Row {
  pattern: string;
  design: string;
  metrics: DesignMetrics;
}

const COLUMNS: { header: string; cell: (row: Row) => string; left?: boolean }[] = [
  { header: "arrivals", cell: (r) => r.pattern, left: true },
  { header: "design", cell: (r) => r.design, left: true },
  { header: "makespan", cell: (r) => duration(r.metrics.makespanMs) },
  { header: "÷ bound", cell: (r) => ratio(r.metrics.boundRatio) },
  { header: "slot util.", cell: (r) => percent(r.metrics.utilization) },
  { header: "idle p50", cell: (r) => duration(r.metrics.idle.p50) },
  { header: "idle p95", cell: (r) => duration(r.metrics.idle.p95) },
  { header: "jobs", cell: (r) => count(r.metrics.jobs) },
  { header: "÷ ⌈N/cap⌉", cell: (r) => ratio(r.metrics.jobsPerMinimum) },
  { header: "records/job mean", cell: (r) => count(r.metrics.recordsPerJob.mean) },
  { header: "min", cell: (r) => count(r.metrics.recordsPerJob.min) },
  { header: "on-demand", cell: (r) => percent(r.metrics.onDemandShare, 2) },
  { header: "in invalid jobs", cell: (r) => count(r.metrics.invalidRecords) },
];

export function textTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => COLUMNS.map((column) => column.cell(row)));
  const widths = COLUMNS.map((column, i) =>
    Math.max(column.header.length, ...cells.map((line) => (line[i] ?? "").length)),
  );
  const pad = (text: string, i: number) =>
    COLUMNS[i]?.left ? text.padEnd(widths[i] ?? 0) : text.padStart(widths[i] ?? 0);
  const header = COLUMNS.map((column, i) => pad(column.header, i)).join("  ");
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [header, rule, ...cells.map((line) => line.map(pad).join("  "))].join("\n");
}

export function markdownTable(rows: readonly Row[]): string {
  const line = (values: readonly string[]) => `| ${values.join(" | ")} |`;
  const align = COLUMNS.map((column) => (column.left ? "---" : "---:"));
  return [
    line(COLUMNS.map((column) => column.header)),
    line(align),
    ...rows.map((row) => line(COLUMNS.map((column) => column.cell(row)))),
  ].join("\n");
}
