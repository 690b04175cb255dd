// The bench's setup and its checks, in a short-lived process of their own so that neither the 250 MB of
// generated lines nor the 250 MB read back for checking ever pass through the measured process's memory.
//   node seal-fixture.ts seed <run> <records>   -> {records, bytes, seconds}
//   node seal-fixture.ts verify <shardId>       -> SealCheck
// Endpoints come in SEAL_BENCH_ENDPOINTS; the answer is one JSON line on stdout.
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { resolveConfig, resolveProfile } from "@recap/shared";
import userConfig from "../../../recap.config.ts";
import { groupKey } from "../src/group-key.ts";
import { countMembers } from "../src/group-state.ts";
import { putMemberOnce } from "../src/members.ts";
import { recordLineKey, shardKeys } from "../src/shard-id.ts";
import { stream } from "./prng.ts";
import { BENCH_PROFILE, benchGroup, benchRecord } from "./seal-calls.ts";
import type { SealCheck, SeedResult } from "./seal-children.ts";
import { benchClients, endpointsFromEnv } from "./seal-endpoints.ts";

/** Writes in flight while seeding: enough to keep both emulators busy, few enough not to queue in sockets. */
const SEED_CONCURRENCY = 64;
/** Arrivals start this long ago, so the oldest member is past the production maxWaitSeconds (an hour). */
const ARRIVALS_AGO_MS = 2 * 3_600_000;

const endpoints = endpointsFromEnv();
const { s3, db } = benchClients(endpoints);
const resolved = resolveProfile(BENCH_PROFILE, resolveConfig(userConfig, "aws", {}));
const group = benchGroup(resolved);
const [command, ...args] = process.argv.slice(2);

const answer =
  command === "seed"
    ? await seed(String(args[0]), Number(args[1]))
    : command === "verify"
      ? await verify(String(args[0]))
      : undefined;
if (!answer) throw new Error(`usage: seal-fixture.ts seed <run> <records> | verify <shardId>`);
process.stdout.write(`${JSON.stringify(answer)}\n`);
s3.destroy();
db.destroy();

/** Each record's line under its key, then its member, as entry writes them; then the group's totals once. */
async function seed(run: string, records: number): Promise<SeedResult> {
  const started = performance.now();
  const random = stream(`seal-bench ${run}`);
  const firstArrival = Date.now() - ARRIVALS_AGO_MS;
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < records) {
      const index = next++;
      const record = benchRecord(resolved, group, run, index, new Date(firstArrival + index), random);
      bytes += record.member.bytes;
      await s3.send(
        new PutObjectCommand({
          Bucket: endpoints.bucket,
          Key: recordLineKey(record.recordId),
          Body: record.line,
          ContentType: "application/jsonl",
        }),
      );
      if (!(await putMemberOnce(db, endpoints.table, record.member)))
        throw new Error(`record ${record.recordId} was already a member: recordIds collide`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
  await countMembers(db, endpoints.table, groupKey(group), { records, bytes });
  return { records, bytes, seconds: (performance.now() - started) / 1000 };
}

/** Reads the shard back: its input line by line, its record map, and what is left pending. */
async function verify(shardId: string): Promise<SealCheck> {
  const keys = shardKeys(shardId);
  const mapIds = new Set<string>();
  let recordMapLines = 0;
  for await (const line of linesOf(keys.recordMap, () => {})) {
    recordMapLines++;
    mapIds.add((JSON.parse(line) as { recordId: string }).recordId);
  }
  const inputIds = new Set<string>();
  let inputLines = 0;
  let inputBytes = 0;
  let inputIdsNotInMap = 0;
  for await (const line of linesOf(keys.input, (chunk) => (inputBytes += chunk.length))) {
    inputLines++;
    const { recordId } = JSON.parse(line) as { recordId: string };
    inputIds.add(recordId);
    if (!mapIds.has(recordId)) inputIdsNotInMap++;
  }
  const pending = await db.send(
    new QueryCommand({
      TableName: endpoints.table,
      IndexName: "pending",
      KeyConditionExpression: "pendingGroup = :group",
      ExpressionAttributeValues: { ":group": groupKey(group) },
      Select: "COUNT",
    }),
  );
  return {
    inputLines,
    inputBytes,
    uniqueRecordIds: inputIds.size,
    recordMapLines,
    inputIdsNotInMap,
    pendingAfter: pending.Count ?? 0,
  };
}

/** An object's non-empty lines, streamed; `onChunk` sees the raw bytes, so sizes are exact. */
async function* linesOf(key: string, onChunk: (chunk: Buffer) => void): AsyncGenerator<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: endpoints.bucket, Key: key }));
  const body = object.Body as Readable;
  body.on("data", onChunk);
  for await (const line of createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY }))
    if (line) yield line;
}
