import { count } from "./format.ts";
import type { SealMeasurement } from "./seal-probe.ts";

/** B.3: a 50,000-record shard of real-size calls seals with the builder's peak RSS under this. */
export const TARGET_PEAK_RSS_MB = 200;

export const mb = (bytes: number) => bytes / 1024 / 1024;
const fixed = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);

export interface SealRow {
  records: number;
  bytes: number;
  setupSeconds: number;
  measured: SealMeasurement;
  failures: string[];
}

export const ROW_HEADER =
  "records   setup s   seal s   records/s    MB/s   input MB   RSS before MB   peak RSS MB   peak heap MB   check";

export function rowText({ records, bytes, setupSeconds, measured, failures }: SealRow): string {
  return [
    String(records).padStart(7),
    fixed(setupSeconds, 1, 7),
    fixed(measured.seconds, 2, 6),
    String(Math.round(records / measured.seconds)).padStart(9),
    fixed(mb(bytes) / measured.seconds, 1, 7),
    fixed(mb(bytes), 1, 8),
    fixed(mb(measured.rssBefore), 1, 13),
    fixed(mb(measured.peakRss), 1, 11),
    fixed(mb(measured.peakHeapUsed), 1, 12),
    failures.length === 0 ? "ok" : "FAILED",
  ].join("   ");
}

/** Where the seconds and the memory went, phase by phase, in the order the seal ran them. */
export function phaseText(records: number, measured: SealMeasurement): string {
  const lines = [
    `phases of the ${count(records)}-record seal (lease renewals, ${measured.leaseRequests} requests, run inside them;`,
    "  CPU s counts every thread of this process, V8's GC helpers and libuv's pool included):",
    "  phase                 seconds   share   CPU s   requests   peak RSS MB",
  ];
  for (const span of measured.spans) {
    if (span.ms < 1 && span.requests === 0) continue;
    lines.push(
      `  ${span.phase.padEnd(20)} ${fixed(span.ms / 1000, 2, 8)}   ${fixed(span.ms / 10 / measured.seconds, 1, 4)} %   ${fixed(span.cpuMs / 1000, 2, 5)}   ${String(span.requests).padStart(8)}   ${span.peakRss === undefined ? "          —" : fixed(mb(span.peakRss), 1, 11)}`,
    );
  }
  lines.push(`  ${memoryGrowth(measured.atStart, measured.atPeak)}`);
  return lines.join("\n");
}

export function targetText(rows: readonly SealRow[]): string {
  const full = rows.find((row) => row.records === 50_000);
  if (!full) return `B.3 target (50,000 records, peak RSS < ${TARGET_PEAK_RSS_MB} MB): not run at this size`;
  const { measured } = full;
  const peak = mb(measured.peakRss);
  const verdict = peak < TARGET_PEAK_RSS_MB ? "PASS" : "FAIL";
  return [
    `B.3 target: 50,000 records (${mb(full.bytes).toFixed(1)} MB) sealed in ${measured.seconds.toFixed(1)} s`,
    `(${count(full.records / measured.seconds)} records/s, ${(mb(full.bytes) / measured.seconds).toFixed(1)} MB/s),`,
    `peak RSS ${peak.toFixed(1)} MB (${mb(measured.rssBefore).toFixed(1)} MB before),`,
    `target < ${TARGET_PEAK_RSS_MB} MB: ${verdict}${full.failures.length > 0 ? " (and the shard FAILED its checks)" : ""}`,
  ].join(" ");
}

/**
 * Memory before the seal and at its peak, split the way process.memoryUsage() can split it: V8's committed
 * heap, memory V8 tracks outside it (Buffers: upload parts, response bodies), and the rest (code, allocator
 * arenas, socket state, anything native V8 does not see).
 */
export function memoryGrowth(before: NodeJS.MemoryUsage, peak: NodeJS.MemoryUsage): string {
  const split = (m: NodeJS.MemoryUsage) => ({
    heap: mb(m.heapTotal),
    used: mb(m.heapUsed),
    external: mb(m.external),
    rest: mb(m.rss - m.heapTotal - m.external),
  });
  const [a, b] = [split(before), split(peak)];
  const from = (x: number, y: number) => `${x.toFixed(1)} -> ${y.toFixed(1)}`;
  return [
    `memory before -> at peak RSS (MB): V8 heap ${from(a.heap, b.heap)} committed`,
    `(${from(a.used, b.used)} in use), external ${from(a.external, b.external)},`,
    `code, allocator and native ${from(a.rest, b.rest)}`,
  ].join(" ");
}
