import { StopModelInvocationJobCommand } from "@aws-sdk/client-bedrock";
import Table from "cli-table3";
import type { Command } from "commander";
import { findJob, listJobs } from "../inspect/bedrock-jobs.ts";
import { readJobReport } from "../inspect/job-reports.ts";
import { jobStatus } from "./job-status.ts";
import { onTarget, printJson, type TargetFlags, wholeNumber, withJson, withTarget } from "./options.ts";
import { COMPACT } from "./table-style.ts";

type Flags = TargetFlags & { json?: boolean };

export function registerJobs(program: Command): void {
  const jobs = program
    .command("jobs")
    .description("Bedrock batch jobs: list Recap's, show one with its harvest report, stop one");
  withJson(
    withTarget(
      jobs
        .command("list")
        .description("Recap's batch jobs (named recap-<stage>-<shardId>), newest first")
        .option(
          "--status <status>",
          "only jobs in this status, e.g. InProgress, Completed, Failed",
          jobStatus,
        )
        .option("--model <id>", "only this model's jobs")
        .option("--all", "every job of the account, not only this stage's")
        .option("--limit <n>", "at most this many rows", wholeNumber(1), 50),
    ),
  ).action(list);
  withJson(
    withTarget(
      jobs
        .command("show")
        .description(
          "one job: Bedrock's view of it and, once harvested, Recap's report (outcomes, tokens, cost)",
        )
        .argument("<job>", "the job's ARN, its name, or the shard id it was named after"),
    ),
  ).action(show);
  withJson(
    withTarget(
      jobs
        .command("stop")
        .description(
          "ask Bedrock to stop a job; it passes Stopping to Stopped, and Recap harvests what it answered and retries or fails the rest",
        )
        .argument("<job>", "the job's ARN, its name, or the shard id it was named after"),
    ),
  ).action(stop);
}

async function list(options: Flags & { status?: string; model?: string; all?: boolean; limit: number }) {
  return onTarget(options, async (target, clients) => {
    const listing = await listJobs(
      clients.bedrock,
      target.jobNamePrefix,
      options.status ? { status: options.status } : {},
    );
    const rows = listing.jobs
      .filter((job) => options.all || job.recap)
      .filter((job) => !options.model || job.modelId === options.model)
      .slice(0, options.limit);
    if (options.json) return printJson({ jobs: rows, truncated: listing.truncated });
    if (rows.length === 0) return console.log(`no batch jobs in ${target.label} match`);
    const table = new Table({ head: ["job", "model", "status", "submitted", "ended"], ...COMPACT });
    for (const job of rows)
      table.push([job.jobName, job.modelId, job.status, job.submitTime ?? "", job.endTime ?? ""]);
    console.log(table.toString());
  });
}

async function show(ref: string, options: Flags) {
  return onTarget(options, async (target, clients) => {
    const { $metadata: _, ...job } = await findJob(clients.bedrock, target.jobNamePrefix, ref);
    const shardId = job.jobName?.startsWith(target.jobNamePrefix)
      ? job.jobName.slice(target.jobNamePrefix.length)
      : undefined;
    const report = shardId ? await readJobReport(clients.s3, target.bucket, shardId) : undefined;
    if (options.json) return printJson({ job, report: report ?? null });
    const table = new Table({ ...COMPACT });
    const rows: [string, unknown][] = [
      ["job", job.jobName],
      ["arn", job.jobArn],
      ["model", job.modelId],
      ["status", job.status],
      ["message", job.message],
      ["submitted", job.submitTime?.toISOString()],
      ["last modified", job.lastModifiedTime?.toISOString()],
      ["ended", job.endTime?.toISOString()],
      ["input", job.inputDataConfig?.s3InputDataConfig?.s3Uri],
      ["output", job.outputDataConfig?.s3OutputDataConfig?.s3Uri],
      ["timeout", job.timeoutDurationInHours ? `${job.timeoutDurationInHours} h` : undefined],
    ];
    for (const [name, value] of rows) if (value !== undefined) table.push({ [name]: String(value) });
    console.log(table.toString());
    if (!report)
      return console.log(job.jobName?.startsWith(target.jobNamePrefix) ? "not harvested yet: no report" : "");
    const { records, tokens, cost } = report;
    console.log(
      `report: ${records.total} records, ${records.summarized} summarized, ${records.retrying} retrying, ${records.failed} failed${
        Object.keys(records.byFailure).length
          ? ` (${Object.entries(records.byFailure)
              .map(([code, n]) => `${code} ${n}`)
              .join(", ")})`
          : ""
      }; tokens ${tokens.records.input} in / ${tokens.records.output} out; cost $${cost.actual.toFixed(4)} against $${cost.onDemand.toFixed(4)} on-demand`,
    );
  });
}

async function stop(ref: string, options: Flags) {
  return onTarget(options, async (target, clients) => {
    const job = await findJob(clients.bedrock, target.jobNamePrefix, ref);
    await clients.bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: job.jobArn }));
    const after = await findJob(clients.bedrock, target.jobNamePrefix, job.jobArn ?? ref);
    if (options.json)
      return printJson({ jobArn: job.jobArn, jobName: job.jobName, was: job.status, status: after.status });
    console.log(`asked Bedrock to stop ${job.jobName} (was ${job.status}, now ${after.status})`);
  });
}
