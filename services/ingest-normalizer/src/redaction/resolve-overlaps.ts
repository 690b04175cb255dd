import type { PiiMatch, PiiType } from "./pii-match.ts";

/**
 * Which finding wins when two overlap, strongest evidence first. An email is unmistakable and may hold
 * digits; a card number is Luhn-checked and its groups look like phone numbers; a national id has a strict
 * shape; a phone number is next; an address, the loosest pattern, holds numbers the others may claim.
 */
const RANK: Readonly<Record<PiiType, number>> = { email: 0, card: 1, "national-id": 2, phone: 3, address: 4 };

/**
 * The findings to redact, in text order, no two overlapping: by priority, then longest first, then earliest.
 * Claimed characters are marked in one array, so each check costs the length of its own span.
 */
export function resolveOverlaps(text: string, matches: readonly PiiMatch[]): PiiMatch[] {
  if (matches.length < 2) return [...matches];
  const ranked = [...matches].sort(
    (a, b) => RANK[a.type] - RANK[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const claimed = new Uint8Array(text.length);
  const kept: PiiMatch[] = [];
  for (const match of ranked) {
    if (claimed.subarray(match.start, match.end).includes(1)) continue;
    claimed.fill(1, match.start, match.end);
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}
