import { freeSlots } from "../../job-submitter/src/free-slots.ts";
import { QUOTAS } from "./scenario.ts";

/**
 * Bedrock's list of one model's active jobs, as both designs see it. How many jobs may start is always the
 * real `freeSlots`; the simulated list is never stale, so no job is "created but not listed yet".
 */
export class ModelJobs {
  readonly #active = new Set<string>();
  #created = 0;

  free(nowMs: number): number {
    return freeSlots({
      quota: QUOTAS.maxActiveJobs,
      now: nowMs,
      activeJobArns: this.#active,
      recentJobArns: [],
    });
  }

  /** Returns the new job's ARN. */
  create(): string {
    const arn = `arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/${(this.#created++).toString(36).padStart(12, "0")}`;
    this.#active.add(arn);
    return arn;
  }

  end(arn: string): void {
    this.#active.delete(arn);
  }

  get started(): number {
    return this.#created;
  }
}
