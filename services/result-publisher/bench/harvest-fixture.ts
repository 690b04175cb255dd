// The bench's setup and its checks, in a short-lived process of their own so that neither the generated
// 200 MB nor what is read back for checking passes through a measured invocation's memory.
//   node harvest-fixture.ts seed <dir> <seed> <shardId> <outputFolder> <records>  -> SeedResult
//   node harvest-fixture.ts verify <seed> <shardId> <records>                     -> HarvestCheck
// Endpoints come in HARVEST_BENCH_ENDPOINTS; the answer is one JSON line on stdout.

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Upload } from "@aws-sdk/lib-storage";
import { resolveConfig, resolveProfile } from "@recap/shared";
import userConfig from "../../../recap.config.ts";
import { benchRecord, expectedOutcome, outputOrder, type RecordKind } from "./harvest-data.ts";
import { benchClients, endpointsFromEnv } from "./harvest-env.ts";

export type Outcome = "summarized" | "retrying" | "failed";

export interface SeedResult {
  records: number;
  lines: number;
  outputBytes: number;
  recordMapBytes: number;
  recordMapKey: string;
  outputKey: string;
  kinds: Partial<Record<RecordKind, number>>;
  expected: Record<Outcome, number>;
  tokens: { input: number; output: number };
  seconds: number;
}

export interface HarvestCheck {
  /** Unit items in result-publisher's table, by the state the harvest left them in. */
  table: Record<Outcome | "other", number>;
  /** Records whose unit is not in the state its kind and attempt call for (wrong outcome, wrong record, wrong reason). */
  mismatches: number;
  mismatchExamples: string[];
  plan: { chunks: number; chunksWithTotals: number; reported: boolean };
  report:
    | { total: number; summarized: number; retrying: number; failed: number; tokensAgree?: boolean }
    | undefined;
  summariesStored: number;
  events: {
    byType: Record<string, number>;
    /** Distinct outcome events (summary.ready or summary.failed) per unit: every unit must have at most one. */
    unitsWithTwoOutcomes: number;
    unitsWithOutcomeEvent: number;
    unitsRetried: number;
    jobReported: number;
  };
}

const FAILURE_CODE: Record<Exclude<RecordKind, "summary">, string> = {
  "model-error": "model-error",
  "max-tokens": "truncated",
  "invalid-summary": "invalid-summary",
  missing: "missing-output",
};

const endpoints = endpointsFromEnv();
const { s3, sqs, db } = benchClients(endpoints);
const config = resolveConfig(userConfig, "aws", {});
const resolved = resolveProfile("default", config);
const maxAttempts = resolved.profile.maxAttempts;
const [command, ...args] = process.argv.slice(2);

const answer =
  command === "seed"
    ? await seed(String(args[0]), String(args[1]), String(args[2]), String(args[3]), Number(args[4]))
    : command === "verify"
      ? await verify(String(args[0]), String(args[1]), Number(args[2]))
      : undefined;
if (!answer)
  throw new Error(
    "usage: harvest-fixture.ts seed <dir> <seed> <shardId> <outputFolder> <records> | verify <seed> <shardId> <records>",
  );
process.stdout.write(`${JSON.stringify(answer)}\n`);
s3.destroy();
sqs.destroy();
db.destroy();

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, "drain");
}

async function upload(key: string, path: string): Promise<void> {
  // fauxqs takes request bodies up to 11 MiB: a multipart upload of 8 MiB parts.
  await new Upload({
    client: s3,
    params: { Bucket: endpoints.bucket, Key: key, Body: createReadStream(path) },
    partSize: 8 * 1024 * 1024,
    queueSize: 2,
  }).done();
}

/** The shard's record map in input order, then the job's output in a shuffled order, then both into S3. */
async function seed(
  dir: string,
  seedText: string,
  shardId: string,
  folder: string,
  records: number,
): Promise<SeedResult> {
  const started = performance.now();
  const kinds: Partial<Record<RecordKind, number>> = {};
  const expected: Record<Outcome, number> = { summarized: 0, retrying: 0, failed: 0 };
  const mapPath = join(dir, "record-map.jsonl");
  const mapOut = createWriteStream(mapPath);
  for (let i = 0; i < records; i++) {
    const record = benchRecord(resolved, endpoints.bucket, seedText, i);
    kinds[record.kind] = (kinds[record.kind] ?? 0) + 1;
    expected[expectedOutcome(record.kind, record.entry.attempt, maxAttempts)] += 1;
    await write(mapOut, `${JSON.stringify(record.entry)}\n`);
  }
  mapOut.end();
  await once(mapOut, "finish");

  const outPath = join(dir, "input.jsonl.out");
  const out = createWriteStream(outPath);
  let lines = 0;
  const tokens = { input: 0, output: 0 };
  for (const i of outputOrder(records, seedText)) {
    const record = benchRecord(resolved, endpoints.bucket, seedText, i);
    if (!record.line) continue;
    lines += 1;
    tokens.input += record.inputTokens;
    tokens.output += record.outputTokens;
    await write(out, `${record.line}\n`);
  }
  out.end();
  await once(out, "finish");

  const recordMapKey = `shards/${shardId}/record-map.jsonl`;
  const outputKey = `${folder}input.jsonl.out`;
  await upload(recordMapKey, mapPath);
  await upload(outputKey, outPath);
  const missing = kinds.missing ?? 0;
  const manifest = {
    totalRecordCount: records,
    processedRecordCount: lines,
    successRecordCount: lines - (kinds["model-error"] ?? 0),
    errorRecordCount: (kinds["model-error"] ?? 0) + missing,
    inputTokenCount: tokens.input,
    outputTokenCount: tokens.output,
  };
  await s3.send(
    new PutObjectCommand({
      Bucket: endpoints.bucket,
      Key: `${folder}manifest.json.out`,
      Body: JSON.stringify(manifest),
      ContentType: "application/json",
    }),
  );
  return {
    records,
    lines,
    outputBytes: (await stat(outPath)).size,
    recordMapBytes: (await stat(mapPath)).size,
    recordMapKey,
    outputKey,
    kinds,
    expected,
    tokens,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Reads back everything the harvest left: the table, the report, the stored summaries and every event sent. */
async function verify(seedText: string, shardId: string, records: number): Promise<HarvestCheck> {
  const items = new Map<string, Record<string, unknown>>();
  let plan: Record<string, unknown> | undefined;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: endpoints.table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      if (String(item.pk).startsWith("U#")) items.set(String(item.pk), item);
      if (item.pk === `H#${shardId}`) plan = item;
    }
    start = page.LastEvaluatedKey;
  } while (start);

  const table: HarvestCheck["table"] = { summarized: 0, retrying: 0, failed: 0, other: 0 };
  for (const item of items.values()) {
    if (item.outcome === "ready") table.summarized += 1;
    else if (item.outcome === "failed") table.failed += 1;
    else if (Object.keys(item).some((key) => /^attempt\d+$/.test(key))) table.retrying += 1;
    else table.other += 1;
  }
  const mismatchExamples: string[] = [];
  let mismatches = 0;
  for (let i = 0; i < records; i++) {
    const { kind, entry } = benchRecord(resolved, endpoints.bucket, seedText, i);
    const item = items.get(`U#${entry.transcriptId}#${entry.version}#${entry.profile}`);
    const want = expectedOutcome(kind, entry.attempt, maxAttempts);
    const attempt = item?.[`attempt${entry.attempt}`] as
      | { recordId?: string; failure?: { code?: string } }
      | undefined;
    const ok =
      item !== undefined &&
      (want === "summarized"
        ? item.outcome === "ready" && item.outcomeRecord === entry.recordId
        : attempt?.recordId === entry.recordId &&
          attempt.failure?.code === FAILURE_CODE[kind as Exclude<RecordKind, "summary">] &&
          (want === "failed"
            ? item.outcome === "failed" && item.outcomeRecord === entry.recordId
            : item.outcome === undefined));
    if (!ok) {
      mismatches += 1;
      if (mismatchExamples.length < 5)
        mismatchExamples.push(
          `${entry.recordId} (${kind}, attempt ${entry.attempt}): ${JSON.stringify(item)}`,
        );
    }
  }

  const reportText = await s3
    .send(new GetObjectCommand({ Bucket: endpoints.bucket, Key: `reports/${shardId}.json` }))
    .then((object) => object.Body?.transformToString())
    .catch(() => undefined);
  const reported = reportText
    ? (JSON.parse(reportText) as {
        records: { total: number; summarized: number; retrying: number; failed: number };
        tokens: { agree?: boolean };
      })
    : undefined;

  let summariesStored = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: endpoints.bucket, Prefix: "summaries/", ContinuationToken: token }),
    );
    summariesStored += page.KeyCount ?? page.Contents?.length ?? 0;
    token = page.NextContinuationToken;
  } while (token);

  return {
    table,
    mismatches,
    mismatchExamples,
    plan: {
      chunks: Array.isArray(plan?.chunks) ? plan.chunks.length : 0,
      chunksWithTotals: Object.keys((plan?.totals as object | undefined) ?? {}).length,
      reported: plan?.reported === true,
    },
    report: reported
      ? {
          ...reported.records,
          ...(reported.tokens.agree === undefined ? {} : { tokensAgree: reported.tokens.agree }),
        }
      : undefined,
    summariesStored,
    events: await tappedEvents(),
  };
}

/** Drains the tap queue: every event the harvest published to Summaries, and its Pipeline outcomes. */
async function tappedEvents(): Promise<HarvestCheck["events"]> {
  const byType: Record<string, number> = {};
  const outcomeIds = new Map<string, Set<string>>();
  const retried = new Set<string>();
  const reportedIds = new Set<string>();
  const receiver = async () => {
    for (let empty = 0; empty < 2; ) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: endpoints.tapQueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          VisibilityTimeout: 600,
        }),
      );
      if (Messages.length === 0) {
        empty += 1;
        continue;
      }
      empty = 0;
      for (const message of Messages) {
        const event = JSON.parse(message.Body ?? "{}") as {
          id: string;
          type: string;
          data: {
            transcriptId?: string;
            version?: string;
            profile?: string;
            unit?: { transcriptId: string };
          };
        };
        byType[event.type] = (byType[event.type] ?? 0) + 1;
        if (event.type === "summary.ready" || event.type === "summary.failed") {
          const unit = `${event.data.transcriptId}|${event.data.version}|${event.data.profile}`;
          outcomeIds.set(unit, (outcomeIds.get(unit) ?? new Set()).add(event.id));
        }
        if (event.type === "record.retrying") retried.add(String(event.data.unit?.transcriptId));
        if (event.type === "job.reported") reportedIds.add(event.id);
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: endpoints.tapQueueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, receiver));
  return {
    byType,
    unitsWithTwoOutcomes: [...outcomeIds.values()].filter((ids) => ids.size > 1).length,
    unitsWithOutcomeEvent: outcomeIds.size,
    unitsRetried: retried.size,
    jobReported: reportedIds.size,
  };
}
