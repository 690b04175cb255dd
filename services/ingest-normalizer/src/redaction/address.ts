import { type PiiMatch, spansOf } from "./pii-match.ts";

// Space-separated, so the lists stay a few lines long.
const SUFFIXES = (
  "Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Way Place Pl Terrace Ter Circle Cir " +
  "Parkway Pkwy Highway Hwy Square Sq Trail Trl Crescent Close Plaza Alley Loop Row"
).split(" ");
const STATES = (
  "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH " +
  "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
).split(" ");

/** `123`, `4B`: not starting with 0, not the tail of an amount, a time, a date or a longer code. */
const HOUSE_NUMBER = String.raw`(?<![\w$£€:/-]|\d[.,])[1-9]\d{0,5}[A-Z]?`;
/** A capitalised word: `Main`, `McDonald`, `O'Brien`. */
const WORD = "[A-Z][A-Za-z'-]*[a-z]";
/** `Main`, `Martin Luther King Jr`, `5th`, `N Main`: one to four words, the first maybe a direction. */
const STREET_NAME = String.raw`(?:[NSEW]\.? )?(?:${WORD}|\d{1,3}(?:st|nd|rd|th))(?: ${WORD}){0,3}`;
const SUFFIX = String.raw`(?:${SUFFIXES.join("|")})\b(?: (?:NE|NW|SE|SW)\b)?`;
// A comma may follow an abbreviation's period (`St., Apt 4`); a period before a space ends the sentence.
const UNIT = String.raw`(?:\.?,)? (?:(?:Apt|Apartment|Suite|Ste|Unit|Floor)\.? #?|#)[A-Z0-9]{1,5}\b`;
const CITY_STATE_ZIP = String.raw`(?:\.?,)? ${WORD}(?: ${WORD}){0,2},? (?:${STATES.join("|")})\b(?: \d{5}(?:-\d{4})?\b)?`;

/**
 * A US-style street address: house number, street name, street suffix, then optionally a unit and
 * `City, ST 12345`. The suffix is what makes it an address, so a house number and capitalised words without
 * one (`10 Downing`, PO boxes, rural routes), lower-case speech (`123 main street`), UK and other postcodes,
 * and ZIP codes or cities said on their own are not found.
 */
const ADDRESS = new RegExp(`${HOUSE_NUMBER} ${STREET_NAME} ${SUFFIX}(?:${UNIT})?(?:${CITY_STATE_ZIP})?`, "g");

export function findAddresses(text: string): PiiMatch[] {
  return spansOf("address", ADDRESS, text);
}
