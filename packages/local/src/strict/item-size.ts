/** DynamoDB's item size limit: 400 KB, counted as below. */
export const MAX_ITEM_BYTES = 400 * 1024;

/** One attribute value as DynamoDB's JSON protocol carries it (binary as base64). */
export type WireAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string | Uint8Array }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Array<string | Uint8Array> }
  | { BOOL: boolean }
  | { NULL: boolean }
  | { L: WireAttributeValue[] }
  | { M: Record<string, WireAttributeValue> };

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/**
 * An item's size as DynamoDB counts it against the 400 KB limit ("DynamoDB item sizes and formats"): each
 * attribute name's UTF-8 bytes plus its value's size. Strings count their UTF-8 bytes, binaries their raw
 * bytes, numbers one byte per two significant digits plus one, booleans and nulls one byte, sets the sum of
 * their elements, and lists and maps 3 bytes plus each element's size plus one byte per element (a map's
 * element counting its name too).
 */
export function itemSize(item: Record<string, WireAttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8(name) + valueSize(value);
  return size;
}

export function valueSize(value: WireAttributeValue): number {
  if ("S" in value) return utf8(value.S);
  if ("N" in value) return numberSize(value.N);
  if ("B" in value) return binarySize(value.B);
  if ("SS" in value) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if ("NS" in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ("BS" in value) return value.BS.reduce((sum, b) => sum + binarySize(b), 0);
  if ("BOOL" in value || "NULL" in value) return 1;
  if ("L" in value) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if ("M" in value) return 3 + Object.values(value.M).length + itemSize(value.M);
  throw new TypeError(`not a DynamoDB attribute value: ${Object.keys(value).join(", ")}`);
}

/** Leading and trailing zeros are not stored: 1 byte per two significant digits, plus 1. */
export function numberSize(number: string): number {
  const digits = number
    .replace(/^[-+]/, "")
    .replace(/[eE].*$/, "")
    .replace(".", "")
    .replace(/^0+/, "")
    .replace(/0+$/, "");
  return 1 + Math.ceil(digits.length / 2);
}

function binarySize(binary: string | Uint8Array): number {
  return typeof binary === "string" ? Buffer.from(binary, "base64").length : binary.length;
}
