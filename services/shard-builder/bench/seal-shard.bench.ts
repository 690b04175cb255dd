// Seals one shard of real-size calls through the real sealDueShards and prints seconds, records/s, MB/s and
// this process's peak RSS (issue #7; B.3: 50,000 records, about 250 MB, under 200 MB peak RSS). S3 and
// DynamoDB run in one child process and setup and checks in another, so only the sealer's memory counts.
//   npx -c "node --expose-gc services/shard-builder/bench/seal-shard.bench.ts [records...]"   (5,000 then 50,000)
import { availableParallelism, loadavg } from "node:os";
import { type BatchQuotas, type RecapEvent, resolveConfig, resolveProfile, shardSealed } from "@recap/shared";
import { createLogger } from "@recap/shared/runtime";
import userConfig from "../../../recap.config.ts";
import { sealDueShards } from "../src/seal-group.ts";
import { count } from "./format.ts";
import { BENCH_PROFILE, benchGroup } from "./seal-calls.ts";
import { runFixture, type SealCheck, type SeedResult, startEmulators } from "./seal-children.ts";
import { benchClients } from "./seal-endpoints.ts";
import { SealProbe } from "./seal-probe.ts";
import { mb, phaseText, ROW_HEADER, rowText, type SealRow, targetText } from "./seal-report.ts";

/** Quotas that let one shard take all 50,000 records: the record caps bind, never the byte caps. */
const GIB = 1024 * 1024 * 1024;
const QUOTAS: BatchQuotas = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxInputFileBytes: GIB,
  maxJobInputBytes: GIB,
  maxActiveJobs: 10,
};
/** Past this, setup is slow enough to say so. */
const SLOW_SETUP_SECONDS = 180;

const sizes = process.argv.slice(2).map(Number);
if (!globalThis.gc)
  console.warn("run with node --expose-gc: RSS before each seal is measured after a full GC");

// The production configuration (maxWaitSeconds an hour: the seeded members arrived two hours ago, so the
// shard is due by age as well as by size) and the handler's logger, quietened to warnings.
const config = resolveConfig(userConfig, "aws", {});
const group = benchGroup(resolveProfile(BENCH_PROFILE, config));
const logger = createLogger("shard-builder");
logger.setLogLevel("WARN");

const emulators = await startEmulators();
const { endpoints } = emulators;
const { s3, db } = benchClients(endpoints);
const probe = new SealProbe();
probe.watch(s3, db);

console.log(
  `Sealing one ${BENCH_PROFILE}-profile shard with the real sealDueShards; emulators and setup in child processes (MB = 2^20 bytes).`,
);
// Seal speed is CPU-bound (request overhead), so whatever else the machine runs shows in the seconds.
const load = () => `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`;
console.log(load());
const rows: SealRow[] = [];
for (const [run, records] of (sizes.length > 0 ? sizes : [5_000, 50_000]).entries()) {
  // Each run enters new units of work (new recordIds) into the same group, as arrivals after a seal would.
  const seeded = await runFixture<SeedResult>(endpoints, ["seed", `run${run}`, String(records)]);
  console.log(
    `setup ${count(records)} records (${mb(seeded.bytes).toFixed(1)} MB): ${seeded.seconds.toFixed(1)} s, ${count(records / seeded.seconds)} records/s` +
      (seeded.seconds > SLOW_SETUP_SECONDS ? ` (slow: over ${SLOW_SETUP_SECONDS} s)` : ""),
  );

  const published: RecapEvent[] = [];
  probe.start();
  const sealed = await sealDueShards(
    {
      db,
      table: endpoints.table,
      s3,
      bucket: endpoints.bucket,
      config,
      logger,
      quotasOf: async () => QUOTAS,
      // Recorded instead of sent to SNS, but validated as the real publisher validates.
      publish: (...events) =>
        probe.timed("publish", async () => {
          for (const event of events) shardSealed.schema.parse(event);
          published.push(...events);
        }),
    },
    group,
  );
  const measured = probe.stop();

  const events = published.filter((event) => event.type === "shard.sealed");
  const event = events[0] as RecapEvent<"shard.sealed"> | undefined;
  const check = event ? await runFixture<SealCheck>(endpoints, ["verify", event.data.shardId]) : undefined;
  const failures = problems(records, seeded, sealed, events.length, event, check);
  const row: SealRow = { records, bytes: seeded.bytes, setupSeconds: seeded.seconds, measured, failures };
  rows.push(row);
  console.log(ROW_HEADER);
  console.log(rowText(row));
  for (const failure of failures) console.log(`  FAILED: ${failure}`);
  console.log(phaseText(records, measured));
}

console.log("");
console.log(ROW_HEADER);
for (const row of rows) console.log(rowText(row));
console.log(targetText(rows));
console.log(load());
if (rows.length > 1) {
  const [small, large] = [rows[0], rows.at(-1)] as [SealRow, SealRow];
  const growth = mb(large.measured.peakRss - small.measured.peakRss);
  console.log(
    `peak RSS ${mb(small.measured.peakRss).toFixed(1)} MB at ${count(small.records)} records, ${mb(large.measured.peakRss).toFixed(1)} MB at ${count(large.records)}: ${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MB for ${(large.records / small.records).toFixed(0)}× the records`,
  );
}
s3.destroy();
db.destroy();
await emulators.stop();

/** Everything the brief checks: one event of the right size, an input file and record map that agree with it. */
function problems(
  records: number,
  seeded: SeedResult,
  sealed: number,
  sealedEvents: number,
  event: RecapEvent<"shard.sealed"> | undefined,
  check: SealCheck | undefined,
): string[] {
  const found: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) found.push(what);
  };
  expect(sealed === 1, `sealDueShards sealed ${sealed} shards, not 1`);
  expect(sealedEvents === 1, `${sealedEvents} shard.sealed events, not 1`);
  if (!event || !check) return found;
  expect(event.data.records === records, `the event says ${event.data.records} records, not ${records}`);
  expect(
    event.data.bytes === seeded.bytes,
    `the event says ${event.data.bytes} bytes; setup wrote ${seeded.bytes}`,
  );
  expect(
    check.inputBytes === event.data.bytes,
    `input.jsonl is ${check.inputBytes} bytes; the event says ${event.data.bytes}`,
  );
  expect(check.inputLines === records, `input.jsonl has ${check.inputLines} lines`);
  expect(check.uniqueRecordIds === records, `input.jsonl has ${check.uniqueRecordIds} distinct recordIds`);
  expect(check.recordMapLines === records, `the record map has ${check.recordMapLines} lines`);
  expect(check.inputIdsNotInMap === 0, `${check.inputIdsNotInMap} input recordIds are not in the record map`);
  expect(check.pendingAfter === 0, `${check.pendingAfter} members are still pending`);
  return found;
}
