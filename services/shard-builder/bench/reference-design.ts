/**
 * The AWS blog's automation pipeline, event by event: input files land in a bucket; every 15 minutes a
 * scheduled poll lists the model's active jobs and submits waiting files, oldest first, one job per file,
 * while slots are free. Nothing reacts to a job's end, so a freed slot waits for the next poll. It does not
 * check the minimum: a file below it becomes a job that fails validation, whose records get no summary.
 */
import { batchJobMs, invalidJobMs } from "./distributions.ts";
import { EventQueue } from "./event-queue.ts";
import type { ExportFile } from "./export-files.ts";
import type { JobDraws } from "./job-draws.ts";
import type { JobRun } from "./job-run.ts";
import { ModelJobs } from "./model-jobs.ts";
import { QUOTAS, REFERENCE_POLL_MS } from "./scenario.ts";
import { SlotLedger } from "./slot-ledger.ts";

/**
 * `files` in the order they land; `openMs` is the first transcript's arrival (when the measurement starts);
 * `phaseMs` places the wall-clock poll schedule (every 15 minutes, knowing nothing of the data) against it.
 */
export function simulateReference(
  files: readonly ExportFile[],
  openMs: number,
  phaseMs: number,
  draws: JobDraws,
): JobRun[] {
  const queue = new EventQueue();
  const jobs = new ModelJobs();
  const slots = new SlotLedger(QUOTAS.maxActiveJobs, openMs);
  const runs: JobRun[] = [];
  let next = 0; // files[next] is the oldest file not yet submitted

  const poll = (now: number): void => {
    for (let free = jobs.free(now); free > 0; free--) {
      const file = files[next];
      if (!file || file.readyMs > now) break;
      next++;
      const valid = file.records >= QUOTAS.minRecordsPerJob;
      const draw = draws.at(jobs.started);
      const arn = jobs.create();
      const { slot, idle } = slots.take(now, file.readyMs);
      const endMs = now + (valid ? batchJobMs(file.records, draw) : invalidJobMs(draw));
      runs.push({
        kind: valid ? "batch" : "invalid",
        records: file.records,
        readyMs: file.readyMs,
        startMs: now,
        endMs,
        idle,
      });
      queue.at(endMs, (end) => {
        jobs.end(arn);
        slots.release(slot, end);
      });
    }
    if (next < files.length) queue.at(now + REFERENCE_POLL_MS, poll);
  };

  queue.at(openMs + phaseMs, poll);
  queue.drain();
  return runs;
}
