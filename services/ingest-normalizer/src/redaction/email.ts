import type { PiiMatch } from "./pii-match.ts";

const LOCAL_PART_CHAR = /[\w.%+-]/;
const LOCAL_PART_START = /[A-Za-z0-9_]/;
/** From the `@`: dot-separated labels ending in a letters-only TLD, so `v1.2@3.4` is no address. */
const DOMAIN = /@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])/y;

/**
 * `local@domain.tld`. Found from each `@` outwards rather than by one pattern tried at every word: a regex
 * cannot look for the `@` first, and trying one at every word start was the slowest step of redaction.
 * Masked forms such as `[email protected]`, `j***@gmail.com` or `{EMAIL}` have no plain local part before an
 * `@` and are left alone.
 */
export function findEmails(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  let previousEnd = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > previousEnd && LOCAL_PART_CHAR.test(text.charAt(start - 1))) start--;
    while (start < at && !LOCAL_PART_START.test(text.charAt(start))) start++;
    if (start === at) continue;
    DOMAIN.lastIndex = at;
    const domain = DOMAIN.exec(text);
    if (!domain) continue;
    previousEnd = at + domain[0].length;
    found.push({ type: "email", start, end: previousEnd });
    at = previousEnd - 1;
  }
  return found;
}
