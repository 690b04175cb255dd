import { z } from "zod";

/**
 * Faults to inject, for tests and chaos runs. Each counts down as it fires. Set at start-up or, while the
 * emulator runs, through `POST /_recap/faults` (the counts add to what is pending).
 */
export const faultPlanSchema = z.object({
  /** The next N control-plane or runtime calls answer ThrottlingException. */
  throttleCalls: z.number().int().nonnegative().optional(),
  /** The next N jobs to reach InProgress fail there. */
  failJobs: z.number().int().nonnegative().optional(),
  /** The next N jobs end PartiallyCompleted, each record failing with this probability. */
  partialJobs: z
    .object({ count: z.number().int().positive(), errorRate: z.number().min(0).max(1) })
    .optional(),
  /** The next N jobs to be Scheduled never start, and end Expired. */
  expireJobs: z.number().int().nonnegative().optional(),
  /** The next N jobs run this many times slower. */
  slowJobs: z.object({ count: z.number().int().positive(), factor: z.number().positive() }).optional(),
  /** The next N state-change events are not delivered (the status still changes). */
  dropEvents: z.number().int().nonnegative().optional(),
});
export type FaultPlan = z.infer<typeof faultPlanSchema>;

type Countdown = "throttleCalls" | "failJobs" | "expireJobs" | "dropEvents";

export class Faults {
  readonly #countdowns: Record<Countdown, number> = {
    throttleCalls: 0,
    failJobs: 0,
    expireJobs: 0,
    dropEvents: 0,
  };
  readonly #partialJobs: number[] = [];
  readonly #slowJobs: number[] = [];

  add(plan: FaultPlan): void {
    for (const key of Object.keys(this.#countdowns) as Countdown[]) this.#countdowns[key] += plan[key] ?? 0;
    if (plan.partialJobs)
      this.#partialJobs.push(...Array<number>(plan.partialJobs.count).fill(plan.partialJobs.errorRate));
    if (plan.slowJobs) this.#slowJobs.push(...Array<number>(plan.slowJobs.count).fill(plan.slowJobs.factor));
  }

  pending(): FaultPlan {
    const [errorRate] = this.#partialJobs;
    const [factor] = this.#slowJobs;
    return {
      ...this.#countdowns,
      ...(errorRate !== undefined ? { partialJobs: { count: this.#partialJobs.length, errorRate } } : {}),
      ...(factor !== undefined ? { slowJobs: { count: this.#slowJobs.length, factor } } : {}),
    };
  }

  /** True, once per pending count, for the fault named. */
  fire(fault: Countdown): boolean {
    if (this.#countdowns[fault] === 0) return false;
    this.#countdowns[fault] -= 1;
    return true;
  }

  /** The per-record error rate of a job that should end PartiallyCompleted, if one is pending. */
  partialJobErrorRate(): number | undefined {
    return this.#partialJobs.shift();
  }

  slowJobFactor(): number {
    return this.#slowJobs.shift() ?? 1;
  }
}
