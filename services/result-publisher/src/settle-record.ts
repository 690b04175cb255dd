import type { Logger } from "@aws-lambda-powertools/logger";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  createEvent,
  type ModelPrices,
  type RecapEvent,
  type RecordFailure,
  type RecordMapEntry,
  recordRetrying,
  type ShardKind,
  summaryFailed,
  summaryReady,
} from "@recap/shared";
import { costOf } from "./harvest-totals.ts";
import type { Verdict } from "./judge-record.ts";
import { claimSummary, recordFailure } from "./unit-outcomes.ts";

export const PRODUCER = "result-publisher";

/** SNS takes 256 KiB with attributes; past this, summary.ready leaves the summary out and points at it. */
export const MAX_INLINE_EVENT_BYTES = 240_000;

export interface SettleDeps {
  db: DynamoDBDocumentClient;
  table: string;
  s3: S3Client;
  bucket: string;
  logger: Logger;
}

/** The job a record came back from, as far as its summary needs to know. */
export interface HarvestedJob {
  shardId: string;
  jobArn: string;
  kind: ShardKind;
  modelId: string;
  profile: string;
  endedAt: string;
  maxAttempts: number;
  prices: ModelPrices | undefined;
}

export type Settled = {
  outcome: "summarized" | "retrying" | "failed" | "decided-elsewhere";
  events: RecapEvent[];
  /** A summary whose summary.ready is among the events: marked announced once they are published. */
  announces?: RecordMapEntry;
};

/**
 * Settles one record: a summary is claimed for its unit, stored, and announced; a failure is recorded and
 * either retried as attempt + 1 or, at the profile's limit, announced as summary.failed with every attempt's
 * reason. Every write is idempotent and every event's data is fixed by the record, so settling the same
 * record again (a redelivered chunk) repeats the same event id and never adds a second outcome; a summary
 * already announced is not stored or published again.
 */
export async function settleRecord(
  deps: SettleDeps,
  job: HarvestedJob,
  entry: RecordMapEntry,
  verdict: Verdict,
): Promise<Settled> {
  if (verdict.ok) {
    const claim = await claimSummary(deps.db, deps.table, entry);
    if (!claim) return decidedElsewhere(deps, entry);
    // Stored and announced by an earlier harvest of this output: seen, and skipped.
    if (claim === "announced") return { outcome: "summarized", events: [] };
    const usage = { inputTokens: verdict.inputTokens, outputTokens: verdict.outputTokens };
    const costUsd = costOf(usage, job.prices, job.kind);
    const summaryKey = `summaries/${entry.transcriptId}/${entry.version}/${entry.profile}.json`;
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.bucket,
        Key: summaryKey,
        ContentType: "application/json",
        Body: JSON.stringify({
          transcriptId: entry.transcriptId,
          version: entry.version,
          profile: entry.profile,
          summary: verdict.summary,
          promptVersion: entry.promptVersion,
          modelId: job.modelId,
          ...(entry.language ? { language: entry.language } : {}),
          metadata: entry.metadata,
          usage,
          costUsd,
          job: {
            shardId: job.shardId,
            jobArn: job.jobArn,
            kind: job.kind,
            recordId: entry.recordId,
            attempt: entry.attempt,
          },
          timings: {
            jobEndedAt: job.endedAt,
            storedAt: new Date().toISOString(),
            ...(entry.deadline ? { deadline: entry.deadline } : {}),
          },
        }),
      }),
    );
    const data = {
      transcriptId: entry.transcriptId,
      version: entry.version,
      profile: entry.profile,
      summaryUri: `s3://${deps.bucket}/${summaryKey}`,
      summary: verdict.summary,
      promptVersion: entry.promptVersion,
      modelId: job.modelId,
      shardId: job.shardId,
      jobArn: job.jobArn,
      recordId: entry.recordId,
      attempt: entry.attempt,
      usage,
      costUsd,
      ...(entry.language ? { language: entry.language } : {}),
      metadata: entry.metadata,
    };
    let event: RecapEvent = createEvent(summaryReady, {
      producer: PRODUCER,
      correlationId: entry.transcriptId,
      data,
    });
    if (Buffer.byteLength(JSON.stringify(event)) > MAX_INLINE_EVENT_BYTES) {
      const { summary: _inline, ...byReference } = data;
      event = createEvent(summaryReady, {
        producer: PRODUCER,
        correlationId: entry.transcriptId,
        data: byReference,
      });
    }
    return { outcome: "summarized", events: [event], announces: entry };
  }
  return settleFailure(deps, job, entry, verdict.failure);
}

export async function settleFailure(
  deps: SettleDeps,
  job: HarvestedJob,
  entry: RecordMapEntry,
  failure: RecordFailure,
): Promise<Settled> {
  const last = entry.attempt >= job.maxAttempts;
  const decided = await recordFailure(
    deps.db,
    deps.table,
    entry,
    { attempt: entry.attempt, recordId: entry.recordId, shardId: job.shardId, failure },
    last,
  );
  if (!decided) return decidedElsewhere(deps, entry);
  if (decided.decided === "retry") {
    const event = createEvent(recordRetrying, {
      producer: PRODUCER,
      correlationId: entry.transcriptId,
      data: {
        unit: {
          transcriptId: entry.transcriptId,
          version: entry.version,
          profile: entry.profile,
          attempt: entry.attempt + 1,
        },
        previous: { recordId: entry.recordId, shardId: job.shardId, failure },
        transcriptUri: entry.transcriptUri,
        ...(entry.language ? { language: entry.language } : {}),
        ...(entry.deadline ? { deadline: entry.deadline } : {}),
        metadata: entry.metadata,
      },
    });
    return { outcome: "retrying", events: [event] };
  }
  const lastAttempt = decided.attempts.at(-1);
  const event = createEvent(summaryFailed, {
    producer: PRODUCER,
    correlationId: entry.transcriptId,
    data: {
      transcriptId: entry.transcriptId,
      version: entry.version,
      profile: entry.profile,
      attempts: decided.attempts,
      error: lastAttempt?.failure ?? failure,
      ...(entry.language ? { language: entry.language } : {}),
      metadata: entry.metadata,
    },
  });
  return { outcome: "failed", events: [event] };
}

function decidedElsewhere(deps: SettleDeps, entry: RecordMapEntry): Settled {
  deps.logger.info("unit already decided by another record", {
    transcriptId: entry.transcriptId,
    recordId: entry.recordId,
  });
  return { outcome: "decided-elsewhere", events: [] };
}
