import Table from "cli-table3";
import { type Command, InvalidArgumentError } from "commander";
import { type JobReport, readJobReports } from "../inspect/job-reports.ts";
import { onTarget, printJson, type TargetFlags, withJson, withTarget } from "./options.ts";
import { COMPACT } from "./table-style.ts";

export function registerReport(program: Command): void {
  withJson(
    withTarget(
      program
        .command("report")
        .description(
          "counts and cost of the jobs harvested in a time range, per model and profile, from their reports (reports/ in the Store bucket): records summarized, retried and failed, tokens, cost against on-demand",
        )
        .option(
          "--since <when>",
          "from this time: ISO 8601 (2026-12-01T00:00Z) or an age (90m, 24h, 7d)",
          when,
        )
        .option("--until <when>", "up to this time (same forms)", when),
    ),
  ).action(async (options: TargetFlags & { json?: boolean; since?: Date; until?: Date }) => {
    return onTarget(options, async (target, clients) => {
      const reports = await readJobReports(clients.s3, target.bucket, options);
      const rows = totalsByModelAndProfile(reports);
      const range = {
        since: options.since?.toISOString() ?? null,
        until: options.until?.toISOString() ?? null,
      };
      if (options.json) return printJson({ target: target.label, ...range, rows });
      if (rows.length === 0) return console.log(`no job was harvested in ${target.label} in that range`);
      console.log(reportTable(rows));
    });
  });
}

export interface ReportRow {
  modelId: string;
  profile: string;
  jobs: number;
  batchJobs: number;
  records: number;
  summarized: number;
  retried: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  onDemandCost: number;
  saving: number;
}

/** Pure: one row per (model, profile), sorted, plus nothing invented for pairs with no job. */
export function totalsByModelAndProfile(reports: readonly JobReport[]): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  for (const report of reports) {
    const key = `${report.modelId}\n${report.profile}`;
    const row = rows.get(key) ?? {
      modelId: report.modelId,
      profile: report.profile,
      jobs: 0,
      batchJobs: 0,
      records: 0,
      summarized: 0,
      retried: 0,
      failed: 0,
      inputTokens: 0,
      outputTokens: 0,
      cost: 0,
      onDemandCost: 0,
      saving: 0,
    };
    row.jobs += 1;
    if (report.kind === "batch") row.batchJobs += 1;
    row.records += report.records.total;
    row.summarized += report.records.summarized;
    row.retried += report.records.retrying;
    row.failed += report.records.failed;
    row.inputTokens += report.tokens.records.input;
    row.outputTokens += report.tokens.records.output;
    row.cost += report.cost.actual;
    row.onDemandCost += report.cost.onDemand;
    row.saving += report.cost.saving;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) =>
    `${a.modelId}${a.profile}`.localeCompare(`${b.modelId}${b.profile}`),
  );
}

function reportTable(rows: readonly ReportRow[]): string {
  const table = new Table({
    head: [
      "model",
      "profile",
      "jobs (batch)",
      "records",
      "summarized",
      "retried",
      "failed",
      "tokens in / out",
      "cost",
      "on-demand",
      "saving",
    ],
    ...COMPACT,
  });
  const usd = (n: number) => `$${n.toFixed(4)}`;
  for (const r of rows)
    table.push(
      [
        r.modelId,
        r.profile,
        `${r.jobs} (${r.batchJobs})`,
        r.records,
        r.summarized,
        r.retried,
        r.failed,
        `${r.inputTokens} / ${r.outputTokens}`,
        usd(r.cost),
        usd(r.onDemandCost),
        `${usd(r.saving)} (${r.onDemandCost ? ((r.saving / r.onDemandCost) * 100).toFixed(1) : "0.0"} %)`,
      ].map(String),
    );
  return table.toString();
}

const AGE = /^(\d+(?:\.\d+)?)(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A point in time: an ISO 8601 instant, or an age back from now (`24h`). */
export function when(value: string): Date {
  const age = AGE.exec(value.trim());
  if (age) return new Date(Date.now() - Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS]);
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at))
    throw new InvalidArgumentError(
      `an ISO 8601 time (2026-12-01T00:00Z) or an age (90m, 24h, 7d) is wanted, not "${value}"`,
    );
  return new Date(at);
}
