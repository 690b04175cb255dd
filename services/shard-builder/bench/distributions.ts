/**
 * The random quantities of the model, each a function of standard-normal draws, so that both designs can be
 * fed the very same draws. The `median*` twins (draws at zero) are what the lower bound uses.
 */
import { lognormal } from "./prng.ts";
import { MINUTE, SECOND } from "./scenario.ts";

/** A transcript's JSONL line: ~5 KB median, a long tail of long calls, never below 600 bytes. */
const RECORD = { medianBytes: 5_000, sigma: 0.45, minBytes: 600 };

export function recordBytes(z: number): number {
  return Math.max(RECORD.minBytes, Math.round(lognormal(RECORD.medianBytes, RECORD.sigma, z)));
}

/**
 * A batch job holds a slot from CreateModelInvocationJob to its terminal status:
 *   queue (Submitted → Validating → Scheduled), lognormal, median 10 min;
 *   run (InProgress), lognormal, median 80 min × √(records / 10,000) — about 1.5 h in all for 10,000
 *   records, growing (sublinearly: Bedrock works a job in parallel) to ~3.2 h for 50,000.
 * A job below the minimum fails in Validating after a few minutes and holds its slot only that long.
 */
export const JOB = {
  queue: { medianMs: 10 * MINUTE, sigma: 0.6 },
  run: { medianMsAt10k: 80 * MINUTE, growth: 0.5, sigma: 0.25 },
  validationFailure: { medianMs: 4 * MINUTE, sigma: 0.4 },
};

/** The two standard-normal draws one job consumes. */
export interface JobDraw {
  queueZ: number;
  runZ: number;
}

function runMedianMs(records: number): number {
  return JOB.run.medianMsAt10k * (records / 10_000) ** JOB.run.growth;
}

export function batchJobMs(records: number, draw: JobDraw): number {
  return (
    lognormal(JOB.queue.medianMs, JOB.queue.sigma, draw.queueZ) +
    lognormal(runMedianMs(records), JOB.run.sigma, draw.runZ)
  );
}

export function medianBatchJobMs(records: number): number {
  return records <= 0 ? 0 : JOB.queue.medianMs + runMedianMs(records);
}

export function invalidJobMs(draw: JobDraw): number {
  return lognormal(JOB.validationFailure.medianMs, JOB.validationFailure.sigma, draw.queueZ);
}

/** On-demand: InvokeModel calls, `concurrency` at a time, ~8 s each (lognormal over the whole run). */
export const ON_DEMAND = { concurrency: 4, medianCallMs: 8 * SECOND, sigma: 0.3 };

export function onDemandMs(records: number, z: number): number {
  return Math.ceil(records / ON_DEMAND.concurrency) * lognormal(ON_DEMAND.medianCallMs, ON_DEMAND.sigma, z);
}
