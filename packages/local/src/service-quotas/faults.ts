import { z } from "zod";

export const faultPlanSchema = z.object({
  /** The next n calls are throttled (TooManyRequestsException), as a busy account's would be. */
  throttleCalls: z.number().int().min(0).optional(),
});
export type FaultPlan = z.infer<typeof faultPlanSchema>;

/** Faults the endpoint injects, each used up as it fires. */
export class Faults {
  private throttleCalls = 0;
  add(plan: FaultPlan): void {
    this.throttleCalls += plan.throttleCalls ?? 0;
  }
  /** Whether this call is throttled; uses one up if so. */
  throttle(): boolean {
    if (this.throttleCalls === 0) return false;
    this.throttleCalls -= 1;
    return true;
  }
  pending(): Required<FaultPlan> {
    return { throttleCalls: this.throttleCalls };
  }
}
