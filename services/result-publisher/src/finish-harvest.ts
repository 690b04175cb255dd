import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  createEvent,
  jobReported,
  type RecapConfig,
  type RecapEvent,
  type RecordFailure,
  type RecordMapEntry,
} from "@recap/shared";
import { type HarvestDeps, harvestedJob } from "./harvest-chunk.ts";
import { type HarvestPlan, markReported } from "./harvest-plan.ts";
import { addTotals, costOf, emptyTotals, type HarvestTotals } from "./harvest-totals.ts";
import type { HarvestJob } from "./plan-harvest.ts";
import { recordMapEntries } from "./record-map.ts";
import { type Settled, settleFailure } from "./settle-record.ts";
import { unsettled } from "./unit-outcomes.ts";

/** Record-map entries checked per round trip: one BatchGetItem's worth, and a bounded memory. */
const PAGE = 100;

/**
 * Once every chunk is in: each record of the shard that no output line settled is settled now, as missing
 * from the output of a job that completed, or as cut short by a job that ended otherwise (or was refused).
 * Then the job's report is stored and published. Safe to repeat: settled records are skipped, and the report
 * has fixed contents, so a repeat publishes the same job.reported.
 */
export async function finishHarvest(
  deps: HarvestDeps,
  job: HarvestJob & { refusal?: RecordFailure },
  plan: HarvestPlan,
): Promise<void> {
  if (plan.reported) return;
  const failure = absenceOf(job);
  const settledJob = harvestedJob(deps.config, job);
  let swept = emptyTotals();
  let total = 0;
  let page: RecordMapEntry[] = [];
  const sweep = async () => {
    const missing = await unsettled(deps.db, deps.table, page, (f) => f.code === failure.code);
    page = [];
    const settled: Settled[] = await Promise.all(
      missing.map((entry) => settleFailure(deps, settledJob, entry, failure)),
    );
    await deps.publish(...settled.flatMap((s) => s.events));
    for (const s of settled) swept = addTotals(swept, sweptTotals(s, failure));
  };
  for await (const entry of recordMapEntries(deps.s3, job.recordMapUri)) {
    total += 1;
    page.push(entry);
    if (page.length >= PAGE) await sweep();
  }
  await sweep();
  const totals = Object.values(plan.totals).reduce(addTotals, swept);
  const manifest = plan.manifestKey ? await readManifest(deps.s3, deps.bucket, plan.manifestKey) : undefined;
  const report = reportOf(
    deps.config,
    job,
    plan,
    total,
    totals,
    manifest,
    `s3://${deps.bucket}/reports/${job.shardId}.json`,
  );
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket,
      Key: `reports/${job.shardId}.json`,
      ContentType: "application/json",
      Body: JSON.stringify({ ...report, unreadableLines: totals.unreadableLines }),
    }),
  );
  await deps.publish(
    createEvent(jobReported, { producer: "result-publisher", correlationId: job.shardId, data: report }),
  );
  await markReported(deps.db, deps.table, job.shardId);
  deps.logger.info("job harvested", {
    shardId: job.shardId,
    status: job.status,
    summarized: report.records.summarized,
    retrying: report.records.retrying,
    failed: report.records.failed,
  });
}

/** Why a record that no output line mentions produced nothing. */
function absenceOf(job: HarvestJob & { refusal?: RecordFailure }): RecordFailure {
  if (job.refusal) return job.refusal;
  if (job.status === "Completed" || job.status === "PartiallyCompleted")
    return {
      code: "missing-output",
      message: `the record is in no output file of ${job.status} job ${job.jobArn}`,
    };
  return { code: "job-ended", message: `job ${job.jobArn} ended ${job.status} before answering the record` };
}

function sweptTotals(settled: Settled, failure: RecordFailure): HarvestTotals {
  const totals = emptyTotals();
  if (settled.outcome === "retrying") totals.retrying = 1;
  if (settled.outcome === "failed") totals.failed = 1;
  if (settled.outcome !== "decided-elsewhere") totals.byFailure[failure.code] = 1;
  return totals;
}

async function readManifest(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ input: number; output: number } | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const manifest = JSON.parse((await object.Body?.transformToString()) ?? "{}") as {
      inputTokenCount?: number;
      outputTokenCount?: number;
    };
    if (typeof manifest.inputTokenCount !== "number" || typeof manifest.outputTokenCount !== "number")
      return undefined;
    return { input: manifest.inputTokenCount, output: manifest.outputTokenCount };
  } catch (error) {
    if ((error as Error).name === "NoSuchKey" || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

type Report = RecapEvent<"job.reported">["data"];

/** Pure: the job's report. Its time is the plan's, so a repeated report is the same report. */
export function reportOf(
  config: RecapConfig,
  job: HarvestJob,
  plan: HarvestPlan,
  total: number,
  totals: HarvestTotals,
  manifest: { input: number; output: number } | undefined,
  reportUri: string,
): Report {
  const prices = config.prices[job.modelId];
  const tokens = { inputTokens: totals.inputTokens, outputTokens: totals.outputTokens };
  const actual = costOf(tokens, prices, job.kind);
  const onDemand = costOf(tokens, prices, "on-demand-equivalent");
  return {
    shardId: job.shardId,
    kind: job.kind,
    jobArn: job.jobArn,
    modelId: job.modelId,
    profile: job.profile,
    status: job.status,
    reportUri,
    records: {
      total,
      summarized: totals.summarized,
      retrying: totals.retrying,
      failed: totals.failed,
      byFailure: totals.byFailure as Record<string, number>,
    },
    tokens: {
      records: { input: totals.inputTokens, output: totals.outputTokens },
      ...(manifest
        ? {
            manifest,
            agree: manifest.input === totals.inputTokens && manifest.output === totals.outputTokens,
          }
        : {}),
    },
    cost: {
      currency: "USD",
      actual,
      onDemand,
      saving: Math.round((onDemand - actual) * 1_000_000) / 1_000_000,
      ...(prices ? { pricesAsOf: prices.asOf } : {}),
    },
    harvestedAt: plan.plannedAt,
  };
}
