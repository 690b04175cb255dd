import type { PiiMatch } from "./pii-match.ts";

/** Area 000, 666 and 900–999, group 00 and serial 0000 are never issued, so such numbers are no SSN. */
const SSN_DIGITS = String.raw`(?!000|666|9)\d{3}[ .-]?(?!00)\d{2}[ .-]?(?!0000)\d{4}`;

/**
 * A US Social Security number. Written `123-45-6789` it is one on sight. Said aloud or typed loosely
 * (`123 45 6789`, `123456789`) it is nine digits like many account numbers, so it counts only within 30
 * characters after words naming it: "my social security number is 123 45 6789", "SSN: 123456789", "my social
 * is …". The price of catching the bare "social" is that any such number shortly after it is taken for one
 * ("social media post 234567890"). The match runs from the keyword; only the digits (`ssn`) are the number.
 */
const US_SSN = new RegExp(
  String.raw`(?<![\w-])(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\w|-\d)` +
    String.raw`|\b(?:social(?: security)?(?: number)?|SSN|SS#)[^\d\n]{0,30}?(?<!\w)(?<ssn>${SSN_DIGITS})(?!\w|[ .-]\d)`,
  "gi",
);

/**
 * A UK National Insurance number, `AB 12 34 56 C` or `AB123456C`: prefix letters HMRC allocates (never D, F,
 * I, Q, U or V; O not second; not BG, GB, KN, NK, NT, TN or ZZ), six digits, suffix A–D. Upper case only, as
 * printed; the shape is specific enough to need no keyword.
 */
const UK_NATIONAL_INSURANCE =
  /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;

/** US Social Security numbers and UK National Insurance numbers. */
export function findNationalIds(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const match of text.matchAll(US_SSN)) {
    const end = match.index + match[0].length;
    const spoken = match.groups?.ssn;
    found.push({ type: "national-id", start: spoken ? end - spoken.length : match.index, end });
  }
  for (const match of text.matchAll(UK_NATIONAL_INSURANCE)) {
    found.push({ type: "national-id", start: match.index, end: match.index + match[0].length });
  }
  return found;
}
