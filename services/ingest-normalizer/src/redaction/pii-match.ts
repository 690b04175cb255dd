/** The kinds of personal data redaction looks for. */
export type PiiType = "email" | "phone" | "card" | "national-id" | "address";

/** How many of each kind were replaced; a kind that was never found is absent rather than zero. */
export type RedactionCounts = Partial<Record<PiiType, number>>;

/** One finding: the half-open span `[start, end)` of the text it covers. */
export type PiiMatch = { type: PiiType; start: number; end: number };

/**
 * What each kind is replaced by. Square brackets keep them apart from the `{EMAIL}` style other redactors
 * leave, and none holds a digit or `@`, so no detector can match a placeholder: redaction is idempotent.
 */
export const PLACEHOLDER: Readonly<Record<PiiType, string>> = {
  email: "[EMAIL]",
  phone: "[PHONE]",
  card: "[CARD]",
  "national-id": "[NATIONAL_ID]",
  address: "[ADDRESS]",
};

/** Every match of a global regex as a span of `type`; regexes live at module scope, so each call reuses them. */
export function spansOf(type: PiiType, pattern: RegExp, text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const match of text.matchAll(pattern)) {
    found.push({ type, start: match.index, end: match.index + match[0].length });
  }
  return found;
}
