import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Job } from "./job.ts";
import { decodeJobFile, encodeJobFile } from "./job-file.ts";

/** Where jobs are kept between runs of the emulator; without a data directory, only in memory. */
export interface JobStore {
  /** Every job kept by a previous run. */
  load(): Job[];
  /** A new job or a status change: written at once. */
  saved(job: Job): void;
  /** Record counts moved: written at most once per interval, so a fast job does not write per record. */
  progressed(job: Job): void;
  /** Writes the progress still pending; nothing is written after it (the emulator is stopping). */
  close(): void;
}

export const memoryOnly: JobStore = {
  load: () => [],
  saved: () => {},
  progressed: () => {},
  close: () => {},
};

const TEMP_SUFFIX = ".tmp";

/**
 * One JSON file per job, `{dataDir}/jobs/{jobId}.json`, replaced whole on every write: written to a
 * temporary file, then renamed over the old one, so a crash mid-write leaves the previous version, never
 * half a file. Writes are synchronous: a job file is a few kilobytes, and a write that cannot interleave
 * with another keeps the newest state the one on disk.
 */
export function fileJobStore(dataDir: string, progressIntervalMs = 1_000): JobStore {
  const dir = join(dataDir, "jobs");
  mkdirSync(dir, { recursive: true });
  const lastWritten = new Map<string, number>();
  const pending = new Map<string, { job: Job; timer: NodeJS.Timeout }>();
  let closed = false;

  const write = (job: Job) => {
    if (closed) return;
    const path = join(dir, `${job.jobId}.json`);
    const temp = `${path}.${process.pid}${TEMP_SUFFIX}`;
    writeFileSync(temp, encodeJobFile(job));
    renameSync(temp, path);
    lastWritten.set(job.jobId, Date.now());
  };
  const cancelPending = (jobId: string) => {
    const waiting = pending.get(jobId);
    if (waiting) clearTimeout(waiting.timer);
    pending.delete(jobId);
  };

  return {
    load() {
      const jobs: Job[] = [];
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        // A temporary file is a write that never got renamed: the job file beside it is the last good one.
        if (name.endsWith(TEMP_SUFFIX)) rmSync(path, { force: true });
        else if (name.endsWith(".json")) jobs.push(decodeJobFile(readFileSync(path, "utf8"), path));
      }
      return jobs;
    },
    saved(job) {
      cancelPending(job.jobId);
      write(job);
    },
    progressed(job) {
      if (pending.has(job.jobId)) return;
      const wait = (lastWritten.get(job.jobId) ?? 0) + progressIntervalMs - Date.now();
      if (wait <= 0) return write(job);
      const timer = setTimeout(() => {
        pending.delete(job.jobId);
        write(job);
      }, wait);
      timer.unref();
      pending.set(job.jobId, { job, timer });
    },
    close() {
      for (const [jobId, { job }] of [...pending]) {
        cancelPending(jobId);
        write(job);
      }
      closed = true;
    },
  };
}
