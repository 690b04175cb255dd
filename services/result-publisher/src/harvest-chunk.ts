import type { Logger } from "@aws-lambda-powertools/logger";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { familyOf, parseS3Uri, type RecapConfig, type RecapEvent, templateOfVersion } from "@recap/shared";
import type { Publish } from "@recap/shared/runtime";
import { completeChunk, type HarvestPlan, planOf } from "./harvest-plan.ts";
import { addTotals, emptyTotals, type HarvestTotals } from "./harvest-totals.ts";
import { judgeRecord, type OutputLine, outputLineSchema, type Verdict } from "./judge-record.ts";
import { rangedLines } from "./ranged-lines.ts";
import { recordMapIndex } from "./record-map.ts";
import { type HarvestedJob, type Settled, settleRecord } from "./settle-record.ts";
import { markAnnounced } from "./unit-outcomes.ts";

/** What every harvest step (a chunk, the finish) works with. */
export interface HarvestDeps {
  db: DynamoDBDocumentClient;
  table: string;
  s3: S3Client;
  bucket: string;
  publish: Publish;
  logger: Logger;
  config: RecapConfig;
}

/** Records settled at once: their writes overlap, and their events leave in one SNS batch. */
const WINDOW = 20;

/**
 * Harvests one chunk: each line it owns is joined to its unit through the record map (by recordId), judged,
 * and settled; then the chunk's totals are stored. Returns the plan as it stands after, so the caller can see
 * whether this was the last chunk. A chunk already complete is not read again.
 */
export async function harvestOneChunk(
  deps: HarvestDeps,
  chunk: RecapEvent<"harvest.chunk">["data"],
): Promise<HarvestPlan> {
  const before = await planOf(deps.db, deps.table, chunk.shardId);
  if (before?.totals[String(chunk.chunk)]) return before;
  const job = harvestedJob(deps.config, chunk);
  const family = familyOf(
    chunk.modelId,
    deps.config.profiles[chunk.profile]?.invocationType ?? "InvokeModel",
  );
  const { bucket, key } = parseS3Uri(chunk.outputUri);
  // The chunk's lines first, each cut down to what judging reads (recordId, modelOutput, error: the bulk of
  // a line, its modelInput, goes at once), so that only this chunk's entries of the record map are kept.
  const lines: Array<OutputLine | undefined> = [];
  const recordIds = new Set<string>();
  for await (const text of rangedLines(deps.s3, bucket, { key, start: chunk.start, end: chunk.end })) {
    const line = readLine(text);
    lines.push(line);
    if (line) recordIds.add(line.recordId);
  }
  const entries = await recordMapIndex(deps.s3, chunk.recordMapUri, recordIds);
  let totals = emptyTotals();
  let window: Array<Promise<{ settled: Settled; verdict: Verdict }>> = [];
  const flush = async () => {
    const done = await Promise.all(window);
    window = [];
    await deps.publish(...done.flatMap(({ settled }) => settled.events));
    await markAnnounced(
      deps.db,
      deps.table,
      done.flatMap(({ settled }) => (settled.announces ? [settled.announces] : [])),
    );
    for (const { settled, verdict } of done) totals = addTotals(totals, tally(settled, verdict));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    lines[i] = undefined; // a line, once taken, is not kept to the end of the chunk
    const entry = line && entries.get(line.recordId);
    if (!line || !entry) {
      // Not a record of this shard: nothing to settle; the sweep settles whatever record it should have been.
      totals.unreadableLines += 1;
      deps.logger.warn("output line not joined to a record", {
        shardId: chunk.shardId,
        recordId: line?.recordId,
      });
      continue;
    }
    const template = templateOfVersion(entry.promptVersion);
    const verdict: Verdict = template
      ? judgeRecord(line, family, template)
      : {
          ok: false,
          failure: { code: "invalid-summary", message: `unknown prompt version ${entry.promptVersion}` },
          inputTokens: 0,
          outputTokens: 0,
        };
    const settling = settleRecord(deps, job, entry, verdict).then((settled) => ({ settled, verdict }));
    // Awaited at the flush; until then a rejection must not count as unhandled (it would end the process).
    settling.catch(() => undefined);
    window.push(settling);
    if (window.length >= WINDOW) await flush();
  }
  await flush();
  return completeChunk(deps.db, deps.table, chunk.shardId, chunk.chunk, totals);
}

export function harvestedJob(
  config: RecapConfig,
  job: Omit<RecapEvent<"harvest.chunk">["data"], "chunk" | "chunks" | "outputUri" | "start" | "end">,
): HarvestedJob {
  return {
    shardId: job.shardId,
    jobArn: job.jobArn,
    kind: job.kind,
    modelId: job.modelId,
    profile: job.profile,
    endedAt: job.endedAt,
    maxAttempts: config.profiles[job.profile]?.maxAttempts ?? 1,
    prices: config.prices[job.modelId],
  };
}

function readLine(text: string): OutputLine | undefined {
  try {
    const parsed = outputLineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function tally(settled: Settled, verdict: Verdict): HarvestTotals {
  const totals = emptyTotals();
  totals.inputTokens = verdict.inputTokens;
  totals.outputTokens = verdict.outputTokens;
  if (settled.outcome === "summarized") totals.summarized = 1;
  if (settled.outcome === "retrying") totals.retrying = 1;
  if (settled.outcome === "failed") totals.failed = 1;
  if (!verdict.ok && settled.outcome !== "decided-elsewhere") totals.byFailure[verdict.failure.code] = 1;
  return totals;
}
