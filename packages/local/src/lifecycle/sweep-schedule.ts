import type { S3Client } from "@aws-sdk/client-s3";
import { type SweepResult, sweepExpired } from "./sweep.ts";

/**
 * Sweeps the bucket at start and then every `everySeconds`, one sweep at a time, reading the emulated
 * clock each time: objects that pass their expiry later (in real time, or through `recap lifecycle
 * advance` from another process) go too. A failed sweep is reported and the next one tries again.
 * Returns a stop that waits for a sweep under way.
 */
export function startLifecycleSweeps(options: {
  s3: S3Client;
  bucket: string;
  dir: string;
  everySeconds: number;
  report: (line: string) => void;
}): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      describeSweep(await sweepExpired(options.s3, options.bucket, options.dir), options.report);
    } catch (error) {
      options.report(`sweep failed, tried again in ${options.everySeconds} s: ${String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => (running = sweep()), options.everySeconds * 1000);
  };
  running = sweep();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}

function describeSweep(result: SweepResult, report: (line: string) => void): void {
  const expired = Object.entries(result.expired).filter(([, count]) => count > 0);
  if (expired.length === 0) return;
  report(
    `expired ${expired.map(([rule, count]) => `${count} under ${rule}`).join(", ")} (emulated clock ${result.emulatedNow.toISOString()})`,
  );
}
