import { type PiiMatch, spansOf } from "./pii-match.ts";

/**
 * North American numbers: an optional `+1`/`1` trunk, an area code (bare or in parentheses), then 3 and 4
 * digits. A separator (space, dot or dash) is required between the groups, except after `)`: an undelimited
 * `5551234567` looks just like an order number and is left alone. No area code rule is applied, since the
 * fictional `555`/`123` numbers people read out are exactly what must go.
 */
const NORTH_AMERICAN = String.raw`(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}`;

/**
 * International numbers written from a leading `+` (`+44 20 7946 0958`, `+351 912 345 678`, `+4915123456789`,
 * `+44 (0)20 …`): digits with single separators between them, 8 to 15 digits in all, as E.164 allows.
 */
const INTERNATIONAL = String.raw`\+\d(?:[ .-]?(?:\(0\))?\d){7,14}`;

/**
 * Neither may start or end inside a longer token or run of digit groups: no word character, `+`, `-`, or
 * digit then space or dot just before; no word character, or space, dot or dash then digit just after. That
 * keeps out dates (`2024-01-15`), times, amounts (`$1,234.56`), version numbers, model codes (`i7-11800H`)
 * and the phone-shaped stretches of longer numbers, such as a card read out in groups of three.
 */
const PHONE = new RegExp(
  String.raw`(?<![\w+-]|\d[ .])(?:${INTERNATIONAL}|${NORTH_AMERICAN})(?!\w|[ .-]\d)`,
  "g",
);

export function findPhones(text: string): PiiMatch[] {
  return spansOf("phone", PHONE, text);
}
