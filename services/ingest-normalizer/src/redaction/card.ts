import { passesLuhn } from "./luhn.ts";
import type { PiiMatch } from "./pii-match.ts";

/**
 * A run of digit groups joined by single spaces or dashes, standing alone: no word character, `+`, `-`,
 * decimal point or digit group just before (`INV-4111…`, `+4411…`), no word character just after. Its first
 * digit is 2–6, the networks in use (Mastercard 2/5, Amex/Diners/JCB 3, Visa 4, Discover/UnionPay/Maestro 6):
 * that keeps out tracking and order numbers that happen to pass Luhn, such as USPS's `9400 …` and Amazon's
 * `112-…`, at the price of UATP (1) and RuPay (8) cards.
 */
const DIGIT_RUN = /(?<![\w+-]|\d[ .])[2-6]\d*(?:[ -]\d+)*(?!\w)/g;
const DIGIT_GROUP = /\d+/g;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

/** Card numbers in any grouping (`4111 1111 1111 1111`, `3782-822463-10005`, none), Luhn-checked. */
export function findCards(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const length = longestCardPrefix(run[0]);
    if (length > 0) found.push({ type: "card", start: run.index, end: run.index + length });
  }
  return found;
}

/**
 * The length of the longest prefix of `run` that ends on a group boundary, holds 13–19 digits and passes
 * Luhn; 0 if there is none. Prefixes, because a spoken card number is often followed straight away by its
 * expiry or security code (`4111 1111 1111 1111 12 27`); a run is never cut inside a group.
 */
function longestCardPrefix(run: string): number {
  const candidateEnds: number[] = [];
  let digits = 0;
  for (const group of run.matchAll(DIGIT_GROUP)) {
    digits += group[0].length;
    if (digits > MAX_DIGITS) break;
    if (digits >= MIN_DIGITS) candidateEnds.push(group.index + group[0].length);
  }
  for (let i = candidateEnds.length - 1; i >= 0; i--) {
    const end = candidateEnds[i] ?? 0;
    if (passesLuhn(run.slice(0, end))) return end;
  }
  return 0;
}
