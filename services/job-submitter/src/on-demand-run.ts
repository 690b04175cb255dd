import { createHash } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { Logger } from "@aws-lambda-powertools/logger";
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  InvokeModelCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  type BackoffPolicy,
  createEvent,
  jobFinished,
  type ModelFamily,
  type RecapConfig,
  readModelOutput,
  resolveProfile,
  withBackoff,
} from "@recap/shared";
import type { Publish } from "@recap/shared/runtime";
import { announceSubmitted, PRODUCER } from "./announce.ts";
import type { SealedShard, ShardItem } from "./waiting-shards.ts";

export interface OnDemandDeps {
  s3: S3Client;
  bucket: string;
  runtime: BedrockRuntimeClient;
  publish: Publish;
  logger: Logger;
  config: RecapConfig;
  outputUriOf: (shardId: string) => string;
}

/** A run's record in the submitter's table: fixed times, so a repeated run repeats its event ids. */
export interface OnDemandRunState {
  startedAt: string;
  finished?: { endedAt: string; status: "Completed" };
}

interface OutputLine {
  recordId: string;
  modelInput: unknown;
  modelOutput?: unknown;
  error?: { errorCode: number; errorMessage: string };
}

/**
 * A tail below the job minimum, run through bedrock-runtime a few records at a time, with backoff, and
 * written in Bedrock's batch output layout (`{outputUri}{runId}/input.jsonl.out` and `manifest.json.out`),
 * so the results stage harvests it exactly as it harvests a batch job. A rerun (after a crash) overwrites the
 * same objects and repeats the same events.
 */
export async function runOnDemand(
  deps: OnDemandDeps,
  shard: SealedShard,
  run: OnDemandRunState,
  /** Records the end once and returns the end that was recorded (another copy's, if it finished first). */
  markFinished: (
    finished: NonNullable<OnDemandRunState["finished"]>,
  ) => Promise<NonNullable<OnDemandRunState["finished"]>>,
): Promise<void> {
  const runId = onDemandRunId(shard.shardId);
  const jobArn = `recap:on-demand:${shard.shardId}`;
  const item: ShardItem = { ...shard, state: "created", jobArn, jobName: runId, submittedAt: run.startedAt };
  await announceSubmitted(deps.publish, item, deps.outputUriOf(shard.shardId));
  const finished = run.finished ?? (await markFinished(await invokeAll(deps, shard, runId)));
  await deps.publish(
    createEvent(jobFinished, {
      producer: PRODUCER,
      correlationId: shard.shardId,
      data: {
        shardId: shard.shardId,
        kind: "on-demand",
        jobArn,
        modelId: shard.modelId,
        profile: shard.profile,
        status: finished.status,
        outputUri: deps.outputUriOf(shard.shardId),
        recordMapUri: shard.recordMapUri,
        records: shard.records,
        endedAt: finished.endedAt,
      },
    }),
  );
}

async function invokeAll(
  deps: OnDemandDeps,
  shard: SealedShard,
  runId: string,
): Promise<NonNullable<OnDemandRunState["finished"]>> {
  const { family, profile, model } = resolveProfile(shard.profile, deps.config);

  const records = await readShard(deps.s3, shard.inputUri);
  const outputs: OutputLine[] = [];
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const record = records[next++] as { recordId: string; modelInput: object };
      outputs.push(
        await invokeOne(
          deps,
          record,
          profile.modelId,
          family,
          profile.invocationType,
          deps.config.submitting.throttle,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(model.onDemandConcurrency, records.length) }, worker));

  const manifest = manifestOf(outputs, family);
  const folder = `${deps.outputUriOf(shard.shardId).replace(`s3://${deps.bucket}/`, "")}${runId}/`;
  const inputName = shard.inputUri.slice(shard.inputUri.lastIndexOf("/") + 1);
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket,
      Key: `${folder}${inputName}.out`,
      Body: outputs.map((line) => `${JSON.stringify(line)}\n`).join(""),
      ContentType: "application/jsonl",
    }),
  );
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket,
      Key: `${folder}manifest.json.out`,
      Body: JSON.stringify(manifest),
    }),
  );
  deps.logger.info("on-demand run finished", {
    shardId: shard.shardId,
    records: records.length,
    errors: manifest.errorRecordCount,
  });
  // Every record was answered, some perhaps with an error line: Completed, as Bedrock says of such a job
  // (PartiallyCompleted means records were never reached).
  return { endedAt: new Date().toISOString(), status: "Completed" };
}

/** Twelve lowercase alphanumerics, like a batch job id, derived from the shard. */
export function onDemandRunId(shardId: string): string {
  return `od${createHash("sha256").update(shardId).digest("hex").slice(0, 10)}`;
}

async function invokeOne(
  deps: OnDemandDeps,
  record: { recordId: string; modelInput: object },
  modelId: string,
  family: ModelFamily,
  invocationType: "InvokeModel" | "Converse",
  backoff: BackoffPolicy,
): Promise<OutputLine> {
  try {
    const modelOutput = await withBackoff(async () => {
      if (invocationType === "Converse") {
        const { $metadata: _m, ...body } = await deps.runtime.send(
          new ConverseCommand({ modelId, ...(record.modelInput as object) } as never),
        );
        return body;
      }
      const response = await deps.runtime.send(
        new InvokeModelCommand({
          modelId,
          contentType: "application/json",
          accept: "application/json",
          body: JSON.stringify(record.modelInput),
        }),
      );
      return JSON.parse(new TextDecoder().decode(response.body)) as unknown;
    }, backoff);
    readModelOutput(family, modelOutput);
    return { recordId: record.recordId, modelInput: record.modelInput, modelOutput };
  } catch (error) {
    const { name, message } = error as Error;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return {
      recordId: record.recordId,
      modelInput: record.modelInput,
      error: { errorCode: status ?? 500, errorMessage: `${name}: ${message}` },
    };
  }
}

function manifestOf(outputs: readonly OutputLine[], family: ModelFamily) {
  let inputTokenCount = 0;
  let outputTokenCount = 0;
  let errors = 0;
  for (const line of outputs) {
    if (line.error) {
      errors++;
      continue;
    }
    const answer = readModelOutput(family, line.modelOutput);
    inputTokenCount += answer.inputTokens;
    outputTokenCount += answer.outputTokens;
  }
  return {
    totalRecordCount: outputs.length,
    processedRecordCount: outputs.length,
    successRecordCount: outputs.length - errors,
    errorRecordCount: errors,
    inputTokenCount,
    outputTokenCount,
  };
}

async function readShard(s3: S3Client, uri: string): Promise<unknown[]> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`not an s3 URI: ${uri}`);
  const object = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
  const records: unknown[] = [];
  for await (const line of createInterface({
    input: object.Body as Readable,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line.trim()) records.push(JSON.parse(line));
  }
  return records;
}
