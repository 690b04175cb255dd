import { jobNamePrefix } from "@recap/shared";
import { createSqsHandler, type PoisonPolicy } from "@recap/shared/runtime";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { decodeWatcherInput } from "./decode.ts";
import { type FollowDeps, followJob } from "./follow-job.ts";
import { openJobs, trackedJob, trackJob } from "./tracked-jobs.ts";

export type WatcherDeps = FollowDeps & { stage: string };

/** Jobs read at once on a tick: Bedrock's Get is throttled per account, and ten active jobs per model is usual. */
const POLL_CONCURRENCY = 4;

/**
 * One invocation. job.submitted starts following a batch job and reads it at once; a state-change event is
 * only a cue to read the job again (events can be late, repeated, out of order or lost); a tick reads every
 * job not yet finished, a repeated tick none (see decodeTick). On-demand runs are not followed:
 * job-submitter announces their end itself.
 */
export function createBatchHandler(deps: () => WatcherDeps, onPoison: PoisonPolicy) {
  return async (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> => {
    const d = deps();
    const take = createSqsHandler({
      logger: d.logger,
      decode: decodeWatcherInput,
      handle: async (input) => {
        if (input.kind === "job-submitted") {
          const job = input.event.data;
          if (job.kind !== "batch") return;
          await trackJob(d.db, d.table, job);
          const tracked = await trackedJob(d.db, d.table, job.jobArn);
          if (tracked) await followJob(d, tracked);
          return;
        }
        if (input.kind === "state-change") {
          const { batchJobArn, batchJobName } = input.event.detail;
          if (!batchJobName.startsWith(jobNamePrefix(d.stage))) return;
          const tracked = await trackedJob(d.db, d.table, batchJobArn);
          // Ahead of its job.submitted: that event reads the job when it arrives.
          if (!tracked) {
            d.logger.info("state change for a job not tracked yet", { jobArn: batchJobArn });
            return;
          }
          await followJob(d, tracked);
          return;
        }
        if (!input.repeat) await pollOpenJobs(d);
      },
      onPoison,
    });
    return take(event, context);
  };
}

async function pollOpenJobs(d: WatcherDeps): Promise<void> {
  const jobs = await openJobs(d.db, d.table);
  let next = 0;
  const failures: Error[] = [];
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (!job) continue;
      try {
        await followJob(d, job);
      } catch (error) {
        failures.push(error as Error);
        d.logger.warn("job not read this tick", {
          jobArn: job.jobArn,
          error: { name: (error as Error).name },
        });
      }
    }
  };
  await Promise.all(Array.from({ length: POLL_CONCURRENCY }, worker));
  // The next tick tries again; one job that cannot be read must not hold up the others.
  if (failures.length === jobs.length && failures.length > 0) throw failures[0];
}
