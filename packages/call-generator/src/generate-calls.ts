import { breakCall } from "./broken/break-call.ts";
import { brokenKindsByIndex } from "./broken/broken-kinds.ts";
import { planCall } from "./call-plan.ts";
import type { CallFormat, GeneratedCall } from "./call-types.ts";
import { CALL_FORMATS } from "./call-types.ts";
import { writeCall } from "./write-call.ts";

export type GenerateOptions = {
  count: number;
  /** Same seed, same calls, byte for byte. */
  seed: string | number;
  /** The formats to draw from, one per call; all of them by default. */
  formats?: readonly CallFormat[];
  /** How many of the calls are deliberately broken, in assorted ways. */
  broken?: number;
};

/**
 * Synthetic contact-center calls with their ground truth. Call `n` of a seed is the same whatever the
 * count, unless it is one of the broken ones, which the count and the number broken choose.
 */
export function generateCalls(options: GenerateOptions): GeneratedCall[] {
  const { count, formats = CALL_FORMATS, broken = 0 } = options;
  const seed = String(options.seed);
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, not ${count}`);
  if (formats.length === 0) throw new RangeError("formats must name at least one format");
  const brokenKinds = brokenKindsByIndex(seed, count, broken);
  return Array.from({ length: count }, (_, index) => {
    const kind = brokenKinds.get(index);
    // A bad-encoding call needs letters beyond ASCII to garble: its customer has an accented name.
    const plan = planCall(seed, index, formats, { accentedCustomer: kind === "bad-encoding" });
    return kind ? breakCall(plan, kind) : writeCall(plan).call;
  });
}
