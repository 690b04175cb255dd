import type { JobDraw } from "./distributions.ts";
import { stream } from "./prng.ts";

/**
 * "Same luck for both designs": the k-th job a design starts gets the k-th pair of draws, whatever its size,
 * so a design cannot look better because it happened to meet faster jobs.
 */
export class JobDraws {
  readonly #draws: JobDraw[] = [];
  readonly #source = stream("recap-bench/job-durations");

  at(index: number): JobDraw {
    while (this.#draws.length <= index) {
      this.#draws.push({ queueZ: this.#source.normal(), runZ: this.#source.normal() });
    }
    return this.#draws[index] as JobDraw;
  }
}
