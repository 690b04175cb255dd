import Table from "cli-table3";
import { COMPACT } from "../commands/table-style.ts";
import type { DemoTally } from "./demo-tally.ts";

type Summary = ReturnType<DemoTally["summary"]>;

const usd = (n: number) => `$${n.toFixed(4)}`;
const byReason = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ") || "none";
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The demo's closing report, as text tables (cli-table3: aligned columns without hand-counted padding). */
export function reportText(summary: Summary, calls: number, seconds: number): string {
  const outcomes = new Table({ head: ["calls", "count", "by reason"], ...COMPACT });
  outcomes.push(
    ["published", String(calls), ""],
    ["summarized", String(summary.summarized), ""],
    ["failed (explained)", String(total(summary.failed)), byReason(summary.failed)],
    ["rejected at ingest", String(total(summary.rejected)), byReason(summary.rejected)],
  );
  const jobs = new Table({ head: ["job (shard)", "model", "kind", "status", "records"], ...COMPACT });
  for (const job of summary.jobs)
    jobs.push([job.shardId, job.modelId, job.kind, job.status, String(job.records)]);
  const cost = new Table({ head: ["cost", ""], ...COMPACT });
  cost.push(
    ["on-demand share of records", `${(summary.onDemandShare * 100).toFixed(1)} %`],
    [
      "tokens in / out",
      `${summary.inputTokens.toLocaleString("en-US")} / ${summary.outputTokens.toLocaleString("en-US")}`,
    ],
    ["cost (batch, on-demand tails at their price)", usd(summary.cost)],
    ["the same tokens on-demand", usd(summary.onDemandCost)],
    [
      "saving",
      `${usd(summary.onDemandCost - summary.cost)} (${pct(summary.onDemandCost - summary.cost, summary.onDemandCost)})`,
    ],
    ["wall time", `${seconds.toFixed(1)} s`],
  );
  return [outcomes.toString(), jobs.toString(), cost.toString()].join("\n");
}

function pct(part: number, whole: number): string {
  return whole === 0 ? "0 %" : `${((part / whole) * 100).toFixed(1)} %`;
}
