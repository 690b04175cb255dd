import type { SlotIdle } from "./job-run.ts";

/**
 * Bookkeeping of the quota's slots, for measuring idle time only: the designs decide how many jobs to start
 * with `freeSlots` (quota minus active jobs), exactly as the real submitter does. A start takes the slot that
 * has been free longest, so the idle it reports is the longest a free slot could have served that work.
 */
export class SlotLedger {
  readonly #freeSince: (number | undefined)[];
  readonly #freedByJob: boolean[];

  constructor(quota: number, openMs: number) {
    this.#freeSince = new Array<number | undefined>(quota).fill(openMs);
    this.#freedByJob = new Array<boolean>(quota).fill(false);
  }

  take(nowMs: number, readyMs: number): { slot: number; idle: SlotIdle } {
    let slot = -1;
    for (let i = 0; i < this.#freeSince.length; i++) {
      const since = this.#freeSince[i];
      if (since !== undefined && (slot < 0 || since < (this.#freeSince[slot] as number))) slot = i;
    }
    const freeSince = this.#freeSince[slot];
    if (freeSince === undefined) throw new Error("a job started with every slot busy: freeSlots was ignored");
    this.#freeSince[slot] = undefined;
    const afterJobEnd = (this.#freedByJob[slot] ?? false) && readyMs <= freeSince;
    return { slot, idle: { ms: nowMs - Math.max(readyMs, freeSince), afterJobEnd } };
  }

  release(slot: number, nowMs: number): void {
    this.#freeSince[slot] = nowMs;
    this.#freedByJob[slot] = true;
  }
}
