/**
 * The two arrival patterns, each as both designs receive it: Recap gets transcripts one by one; the
 * reference gets the same calls as hourly export files.
 */
import { type ExportFile, hourlyExportFiles, liveExportTimes } from "./export-files.ts";
import { asBackfill, type Transcript } from "./workload.ts";

export interface ArrivalPattern {
  name: string;
  /** In arrival order. */
  transcripts: Transcript[];
  files: ExportFile[];
}

export function arrivalPatterns(day: Transcript[]): ArrivalPattern[] {
  return [
    // Live: transcripts stream in as calls end; each hour's file lands a few minutes after the hour.
    { name: "daytime", transcripts: day, files: hourlyExportFiles(day, liveExportTimes()) },
    // The same day's calls dropped at once (a migration, a re-summarization); for the reference, as the
    // day's archive of hourly files, all there from the start.
    { name: "backfill", transcripts: asBackfill(day, 0), files: hourlyExportFiles(day, () => 0) },
  ];
}
