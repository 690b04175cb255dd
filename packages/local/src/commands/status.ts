import { readAccountQuotas } from "@recap/shared/account-quotas";
import { loadConfig } from "@recap/shared/config/load";
import Table from "cli-table3";
import type { Command } from "commander";
import { listJobs, SLOT_STATUSES } from "../inspect/bedrock-jobs.ts";
import { queueDepths } from "../inspect/queue-depths.ts";
import { waitingShards } from "../inspect/waiting-shards.ts";
import { lambdaLimitsText } from "../lambda-limits/limits-text.ts";
import type { TargetClients } from "../target/clients.ts";
import type { Target } from "../target/target.ts";
import { onTarget, printJson, type TargetFlags, withJson, withTarget } from "./options.ts";
import { COMPACT } from "./table-style.ts";

export function registerStatus(program: Command): void {
  withJson(
    withTarget(
      program
        .command("status")
        .description(
          "how the pipeline stands: each service's queue and dead-letter depth, Recap's batch jobs per model and status, job slots used out of the account's quota, and sealed shards waiting for a slot",
        ),
    ),
  ).action(async (options: TargetFlags & { json?: boolean }) => {
    const status = await onTarget(options, readStatus);
    if (options.json) return printJson(status);
    console.log(statusText(status));
  });
}

interface Slots {
  used: number;
  /** The account's quota of concurrent jobs for the model (null: the model is not configured here). */
  quota: number | null;
  quotaFrom: "account" | "configuration" | "unknown";
}

export async function readStatus(target: Target, clients: TargetClients) {
  const config = loadConfig({ RECAP_MODE: target.aws.endpoint ? "local" : "aws" });
  const [queues, listing] = await Promise.all([
    queueDepths(clients.sqs, target),
    listJobs(clients.bedrock, target.jobNamePrefix),
  ]);
  const models = [
    ...new Set([...Object.keys(config.models), ...listing.jobs.filter((j) => j.recap).map((j) => j.modelId)]),
  ];
  const jobs: Record<string, Record<string, number>> = {};
  for (const job of listing.jobs.filter((j) => j.recap)) {
    const byStatus = jobs[job.modelId] ?? {};
    byStatus[job.status] = (byStatus[job.status] ?? 0) + 1;
    jobs[job.modelId] = byStatus;
  }
  const slots: Record<string, Slots> = Object.fromEntries(
    await Promise.all(
      models.map(async (modelId) => {
        // Every job of the model holds a slot, Recap's or not: the quota is the account's.
        const used = listing.jobs.filter((j) => j.modelId === modelId && SLOT_STATUSES.has(j.status)).length;
        const model = config.models[modelId];
        const quota = model ? await readAccountQuotas(clients.quotas, modelId, model) : undefined;
        return [
          modelId,
          { used, quota: quota?.quotas.maxActiveJobs ?? null, quotaFrom: quota?.source ?? "unknown" },
        ];
      }),
    ),
  );
  const table = target.tables.JobSubmitterTable;
  const waiting = table ? await waitingShards(clients.db, table, models) : {};
  return {
    target: target.label,
    stage: target.stage,
    queues,
    jobs,
    slots,
    shardsWaiting: waiting,
    jobListTruncated: listing.truncated,
    ...(target.lambdaLimits ? { lambdaLimits: target.lambdaLimits } : {}),
  };
}

type Status = Awaited<ReturnType<typeof readStatus>>;

function statusText(status: Status): string {
  const queues = new Table({ head: ["service", "waiting", "in flight", "dead letters"], ...COMPACT });
  for (const [service, depth] of Object.entries(status.queues))
    queues.push([service, depth.waiting, depth.inFlight, depth.deadLetters].map(String));
  const models = new Table({
    head: ["model", "slots used / quota", "shards waiting (records)", "Recap's jobs by status"],
    ...COMPACT,
  });
  for (const [modelId, slot] of Object.entries(status.slots)) {
    const waiting = status.shardsWaiting[modelId];
    const byStatus = Object.entries(status.jobs[modelId] ?? {})
      .map(([name, n]) => `${name} ${n}`)
      .join(", ");
    models.push([
      modelId,
      `${slot.used} / ${slot.quota ?? "?"} (${slot.quotaFrom})`,
      waiting ? `${waiting.shards} (${waiting.records})` : "0",
      byStatus || "none",
    ]);
  }
  const parked = Object.values(status.queues).reduce((sum, q) => sum + q.deadLetters, 0);
  return [
    `Recap status: ${status.target} (stage ${status.stage})`,
    status.lambdaLimits ? `Lambda limits: ${lambdaLimitsText(status.lambdaLimits)}` : "",
    queues.toString(),
    models.toString(),
    parked > 0 ? `${parked} messages are parked in dead-letter queues: \`recap dlq list\` shows them.` : "",
    status.jobListTruncated ? "Bedrock's job list is longer than was read: older jobs are not counted." : "",
  ]
    .filter(Boolean)
    .join("\n");
}
