import { findAddresses } from "./address.ts";
import { findCards } from "./card.ts";
import { findEmails } from "./email.ts";
import { findNationalIds } from "./national-id.ts";
import { findPhones } from "./phone.ts";
import { type PiiMatch, PLACEHOLDER, type RedactionCounts } from "./pii-match.ts";
import { resolveOverlaps } from "./resolve-overlaps.ts";

const DETECTORS: readonly ((text: string) => PiiMatch[])[] = [
  findEmails,
  findCards,
  findNationalIds,
  findPhones,
  findAddresses,
];

/**
 * Replaces emails, phone numbers, payment card numbers, national ids and street addresses in `text` by
 * typed placeholders (`[EMAIL]`, `[PHONE]`, `[CARD]`, `[NATIONAL_ID]`, `[ADDRESS]`) and counts them. Pure,
 * and idempotent: redacted text has nothing left to find. The result says nothing of what was replaced, so
 * it is safe to log; the input is not.
 */
export function redactPii(text: string): { text: string; counts: RedactionCounts } {
  const matches = resolveOverlaps(
    text,
    DETECTORS.flatMap((find) => find(text)),
  );
  const counts: RedactionCounts = {};
  if (matches.length === 0) return { text, counts };
  const pieces: string[] = [];
  let from = 0;
  for (const { type, start, end } of matches) {
    pieces.push(text.slice(from, start), PLACEHOLDER[type]);
    counts[type] = (counts[type] ?? 0) + 1;
    from = end;
  }
  pieces.push(text.slice(from));
  return { text: pieces.join(""), counts };
}
