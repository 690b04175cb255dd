import type { RejectionCode } from "@recap/shared";
import { createRandom, shuffled } from "../random.ts";

/** The ways a generated call can be broken: each one a rejection code the normalizer must give it. */
export const BROKEN_KINDS = [
  "empty-transcript",
  "no-speech-turns",
  "unknown-format",
  "bad-encoding",
  "oversize",
  "invalid-event",
] as const satisfies readonly RejectionCode[];
export type BrokenKind = (typeof BROKEN_KINDS)[number];

/**
 * Which calls of a set are broken, and how: `broken` positions drawn from the seed, spread over the whole
 * set, and the kinds dealt out in turn along them, so every kind occurs once there are six or more.
 */
export function brokenKindsByIndex(seed: string, count: number, broken: number): Map<number, BrokenKind> {
  if (!Number.isInteger(broken) || broken < 0 || broken > count) {
    throw new RangeError(
      `broken must be a whole number from 0 to the number of calls (${count}), not ${broken}`,
    );
  }
  const positions = shuffled(
    Array.from({ length: count }, (_, index) => index),
    createRandom(`${seed}/broken`),
  )
    .slice(0, broken)
    .sort((a, b) => a - b);
  return new Map(positions.map((index, n) => [index, BROKEN_KINDS[n % BROKEN_KINDS.length] as BrokenKind]));
}
