import { MAX_INLINE_TRANSCRIPT_BYTES } from "@recap/shared";
import type { CallPlan } from "../call-plan.ts";
import type { Random } from "../random.ts";
import { writeCall } from "../write-call.ts";
import { escapedBytes, MAX_ESCAPED_CONTENT_BYTES } from "./sns-limit.ts";

const MAX_OVERSIZE_BYTES = 240_000;

type Attempt = ReturnType<typeof writeCall> & { bytes: number; escapedBytes: number };

/**
 * The planned call, made long enough (a slow system, many exchanges) to pass the inline limit by a
 * seeded margin, yet small enough to still travel in one SNS message, so it is the normalizer that
 * rejects it rather than SNS refusing it. Stall exchanges differ in length, so the count is found by
 * estimate, then corrected until the size lands in that window.
 */
export function oversized(plan: CallPlan, random: Random): ReturnType<typeof writeCall> {
  const attempt = (stalls: number): Attempt => {
    const written = writeCall(plan, stalls);
    const bytes = Buffer.byteLength(written.call.content);
    return { ...written, bytes, escapedBytes: escapedBytes(written.call.content) };
  };
  const PROBE = 40;
  const base = attempt(0);
  const probe = attempt(PROBE);
  const bytesPerStall = (probe.bytes - base.bytes) / PROBE;
  const escapeRatio = probe.escapedBytes / probe.bytes;
  const target = Math.min(
    MAX_INLINE_TRANSCRIPT_BYTES + random.int(2_000, 30_000),
    Math.floor(MAX_ESCAPED_CONTENT_BYTES / escapeRatio) - 4_000,
  );
  let stalls = Math.ceil((target - base.bytes) / bytesPerStall);
  let current = attempt(stalls);
  for (let tries = 0; tries < 20 && !fits(current); tries++) {
    const step = Math.round((target - current.bytes) / bytesPerStall);
    stalls += step !== 0 ? step : current.bytes <= MAX_INLINE_TRANSCRIPT_BYTES ? 1 : -1;
    current = attempt(stalls);
  }
  if (!fits(current))
    throw new Error(`no oversize ${plan.format} call fits one SNS message (${current.bytes} bytes)`);
  return { call: current.call, lines: current.lines };
}

function fits(attempt: Attempt): boolean {
  return (
    attempt.bytes > MAX_INLINE_TRANSCRIPT_BYTES &&
    attempt.bytes <= MAX_OVERSIZE_BYTES &&
    attempt.escapedBytes <= MAX_ESCAPED_CONTENT_BYTES
  );
}
