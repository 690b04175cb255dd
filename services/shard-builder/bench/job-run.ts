/** What a simulated design leaves behind: every job it ran, from which all metrics are computed. */
export interface JobRun {
  /** `invalid`: submitted below the job minimum, so it fails validation and its records get no summary. */
  kind: "batch" | "invalid" | "on-demand";
  records: number;
  /** When its shard (Recap) or file (reference) was ready to be submitted, in virtual ms. */
  readyMs: number;
  startMs: number;
  endMs: number;
  /** Recap only: why nextShard sealed it (records-cap, bytes-cap, max-wait, deadline). */
  sealReason?: string;
  /** Batch and invalid jobs only: how long a free slot and this ready work sat together unused. */
  idle?: SlotIdle;
}

export interface SlotIdle {
  /** start − max(ready, the moment the slot it took became free). */
  ms: number;
  /** The slot was freed by a job's end while this work was already waiting (the strict "refill" case). */
  afterJobEnd: boolean;
}

/** Jobs that hold one of the model's slots (on-demand runs do not). */
export function holdsSlot(job: JobRun): boolean {
  return job.kind !== "on-demand";
}
