/**
 * The reference pipeline's input: pre-made JSONL files, one job each. Here, the contact center's hourly
 * export, each hour split into files that respect the per-file record and byte caps. Splitting on bytes as
 * well as records is generous to the reference (it would take one file of 50,000 × ~5 KB > 200 MB as it
 * is), so what the bench measures is its polling and its one-file-one-job rule, not a sizing mistake.
 */
import { shardCaps } from "../src/pack-shards.ts";
import { lognormal, stream } from "./prng.ts";
import { EXPORT_LAG, HOUR, QUOTAS } from "./scenario.ts";
import type { Transcript } from "./workload.ts";

export interface ExportFile {
  name: string;
  /** When the file can be picked up, in virtual ms. */
  readyMs: number;
  records: number;
  bytes: number;
}

/**
 * `readyAt(hour)` says when an hour's export lands: live, a few minutes after the hour ends; for a backfill,
 * the moment the archive is dropped.
 */
export function hourlyExportFiles(
  calls: readonly Transcript[],
  readyAt: (hour: number) => number,
): ExportFile[] {
  const caps = shardCaps(QUOTAS);
  const files: ExportFile[] = [];
  let current: ExportFile | undefined;
  let currentHour = -1;
  let part = 0;
  for (const call of calls) {
    const hour = Math.floor(call.callMs / HOUR);
    const full = current && (current.records === caps.records || current.bytes + call.bytes > caps.bytes);
    if (!current || hour !== currentHour || full) {
      part = hour === currentHour ? part + 1 : 0;
      currentHour = hour;
      current = {
        name: `calls-${String(hour).padStart(2, "0")}h-part${part}.jsonl`,
        readyMs: readyAt(hour),
        records: 0,
        bytes: 0,
      };
      files.push(current);
    }
    current.records++;
    current.bytes += call.bytes;
  }
  return files.sort((a, b) => a.readyMs - b.readyMs || a.name.localeCompare(b.name));
}

/** Live: hour h's file lands at the end of hour h plus an export lag (one seeded draw per hour). */
export function liveExportTimes(): (hour: number) => number {
  const lags = stream("recap-bench/export-lag");
  const lagOfHour = Array.from({ length: 24 }, () =>
    lognormal(EXPORT_LAG.medianMs, EXPORT_LAG.sigma, lags.normal()),
  );
  return (hour) => (hour + 1) * HOUR + (lagOfHour[hour] ?? EXPORT_LAG.medianMs);
}
