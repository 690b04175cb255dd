import { z } from "zod";
import { seededRandom } from "./seeded-random.ts";

/**
 * Faults to inject, for tests and chaos runs. Each counts down as it fires. Set at start-up or, while the
 * emulator runs, through `POST /_recap/faults` (the counts add to what is pending).
 */
export const faultPlanSchema = z.object({
  /** The next N control-plane or runtime calls answer ThrottlingException. */
  throttleCalls: z.number().int().nonnegative().optional(),
  /** The next N jobs to reach InProgress fail there. */
  failJobs: z.number().int().nonnegative().optional(),
  /**
   * The next N CreateModelInvocationJob calls are refused with ServiceQuotaExceededException although
   * slots look free: what another user's jobs, or a quota lowered by AWS, look like from Recap's side.
   */
  refuseCreates: z.number().int().nonnegative().optional(),
  /**
   * The next N jobs to reach InProgress fail every record, and still end Completed: Bedrock fails a job only
   * when it cannot run it, not when each record's model call errs.
   */
  failAllRecordsJobs: z.number().int().nonnegative().optional(),
  /**
   * The next N jobs run out of time: they end PartiallyCompleted with this share of their records never
   * processed (absent from the output), which is what the status means on Bedrock.
   */
  partialJobs: z
    .object({ count: z.number().int().positive(), unprocessed: z.number().gt(0).max(1) })
    .optional(),
  /**
   * From now on, each record of a batch job fails with this probability: an `error` line in the output, the
   * job still Completed (Bedrock counts such records in errorRecordCount, it does not fail the job).
   */
  recordErrorRate: z.number().min(0).max(1).optional(),
  /** The next N jobs to be Scheduled never start, and end Expired. */
  expireJobs: z.number().int().nonnegative().optional(),
  /**
   * The next N CreateModelInvocationJob calls each take this many seconds to answer. The job is created when
   * the call answers, not before: a ListModelInvocationJobs meanwhile does not show it, and a retry with the
   * same clientRequestToken still gets the one job.
   */
  slowCreates: z
    .object({ count: z.number().int().positive(), seconds: z.number().positive().max(600) })
    .optional(),
  /**
   * The next N InvokeModel or Converse calls answer 403 AccessDeniedException, as for an account without
   * on-demand access to the model. Batch jobs are unaffected.
   */
  refuseOnDemand: z.number().int().nonnegative().optional(),
  /** The next N jobs run this many times slower. */
  slowJobs: z.object({ count: z.number().int().positive(), factor: z.number().positive() }).optional(),
  /** The next N state-change events are not delivered (the status still changes). */
  dropEvents: z.number().int().nonnegative().optional(),
  /** From now on, each state-change event is lost with this probability (seeded, so a run can be repeated). */
  dropEventRate: z.number().min(0).max(1).optional(),
});
export type FaultPlan = z.infer<typeof faultPlanSchema>;

type Countdown =
  | "throttleCalls"
  | "failJobs"
  | "refuseCreates"
  | "refuseOnDemand"
  | "failAllRecordsJobs"
  | "expireJobs"
  | "dropEvents";

export class Faults {
  readonly #countdowns: Record<Countdown, number> = {
    throttleCalls: 0,
    failJobs: 0,
    refuseCreates: 0,
    refuseOnDemand: 0,
    failAllRecordsJobs: 0,
    expireJobs: 0,
    dropEvents: 0,
  };
  readonly #partialJobs: number[] = [];
  readonly #slowJobs: number[] = [];
  readonly #slowCreates: number[] = [];
  #dropEventRate = 0;
  #recordErrorRate = 0;
  readonly #eventDraw = seededRandom("dropped state-change events");

  add(plan: FaultPlan): void {
    for (const key of Object.keys(this.#countdowns) as Countdown[]) this.#countdowns[key] += plan[key] ?? 0;
    if (plan.partialJobs)
      this.#partialJobs.push(...Array<number>(plan.partialJobs.count).fill(plan.partialJobs.unprocessed));
    if (plan.slowJobs) this.#slowJobs.push(...Array<number>(plan.slowJobs.count).fill(plan.slowJobs.factor));
    if (plan.slowCreates)
      this.#slowCreates.push(...Array<number>(plan.slowCreates.count).fill(plan.slowCreates.seconds));
    if (plan.dropEventRate !== undefined) this.#dropEventRate = plan.dropEventRate;
    if (plan.recordErrorRate !== undefined) this.#recordErrorRate = plan.recordErrorRate;
  }

  pending(): FaultPlan {
    const [unprocessed] = this.#partialJobs;
    const [factor] = this.#slowJobs;
    const [seconds] = this.#slowCreates;
    return {
      ...this.#countdowns,
      dropEventRate: this.#dropEventRate,
      recordErrorRate: this.#recordErrorRate,
      ...(unprocessed !== undefined ? { partialJobs: { count: this.#partialJobs.length, unprocessed } } : {}),
      ...(factor !== undefined ? { slowJobs: { count: this.#slowJobs.length, factor } } : {}),
      ...(seconds !== undefined ? { slowCreates: { count: this.#slowCreates.length, seconds } } : {}),
    };
  }

  /** True, once per pending count, for the fault named. */
  fire(fault: Countdown): boolean {
    if (this.#countdowns[fault] === 0) return false;
    this.#countdowns[fault] -= 1;
    return true;
  }

  /** True when the next state-change event should be lost: a pending drop, or the drop rate's draw. */
  dropEvent(): boolean {
    return this.fire("dropEvents") || this.#eventDraw() < this.#dropEventRate;
  }

  /** The share of its records a job leaves unprocessed, if it should end PartiallyCompleted. */
  partialJobUnprocessed(): number | undefined {
    return this.#partialJobs.shift();
  }

  recordErrorRate(): number {
    return this.#recordErrorRate;
  }

  /** How many seconds the next CreateModelInvocationJob waits before it answers (0: at once). */
  slowCreateSeconds(): number {
    return this.#slowCreates.shift() ?? 0;
  }

  slowJobFactor(): number {
    return this.#slowJobs.shift() ?? 1;
  }
}
