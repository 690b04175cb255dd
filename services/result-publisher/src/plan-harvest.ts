import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createEvent, harvestChunk, parseS3Uri, type RecapEvent } from "@recap/shared";
import { chunkRanges } from "./chunk-ranges.ts";
import { fixPlan, type HarvestPlan } from "./harvest-plan.ts";
import { PRODUCER } from "./settle-record.ts";

export type HarvestJob = Omit<
  RecapEvent<"harvest.chunk">["data"],
  "chunk" | "chunks" | "outputUri" | "start" | "end"
>;

/**
 * A finished job's harvest is planned once: every `.out` file under its output folder (not only the first)
 * is split into byte ranges, and each range goes out as a harvest.chunk for any instance to take. The plan
 * is stored before the chunks are published, so a repeat publishes the same chunks (same event ids).
 */
export async function planHarvest(
  deps: { db: DynamoDBDocumentClient; table: string; s3: S3Client },
  job: HarvestJob,
  outputUri: string | undefined,
): Promise<{ plan: HarvestPlan; chunks: RecapEvent[] }> {
  const files = outputUri ? await outputFiles(deps.s3, outputUri) : { outs: [], manifestKey: undefined };
  const plan = await fixPlan(deps.db, deps.table, {
    shardId: job.shardId,
    plannedAt: new Date().toISOString(),
    chunks: chunkRanges(files.outs),
    ...(files.manifestKey ? { manifestKey: files.manifestKey } : {}),
    totals: {},
  });
  const bucket = outputUri ? parseS3Uri(outputUri).bucket : "";
  const chunks = plan.chunks.map((range, chunk) =>
    createEvent(harvestChunk, {
      producer: PRODUCER,
      correlationId: job.shardId,
      data: {
        ...job,
        chunk,
        chunks: plan.chunks.length,
        outputUri: `s3://${bucket}/${range.key}`,
        start: range.start,
        end: range.end,
      },
    }),
  );
  return { plan, chunks };
}

async function outputFiles(
  s3: S3Client,
  outputUri: string,
): Promise<{ outs: Array<{ key: string; size: number }>; manifestKey: string | undefined }> {
  const { bucket, key: prefix } = parseS3Uri(outputUri);
  const outs: Array<{ key: string; size: number }> = [];
  let manifestKey: string | undefined;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? "";
      if (key.endsWith("/manifest.json.out")) manifestKey = key;
      else if (key.endsWith(".out")) outs.push({ key, size: object.Size ?? 0 });
    }
    token = page.NextContinuationToken;
  } while (token);
  return { outs, manifestKey };
}
