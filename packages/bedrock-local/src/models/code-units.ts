/**
 * A string's UTF-16 code units in a typed array, for the summarizer's loops over characters. On V8, reading a
 * `Uint16Array` is about three times faster than `charCodeAt`, whose every call dispatches on how the string
 * is stored (flat, concatenated or sliced; one or two bytes a character), and the copy, done natively, costs
 * a small fraction of one loop. The copy is the same UTF-16 as the string's: indices are the string's indices.
 */
let bytes = Buffer.alloc(0);
let units = new Uint16Array(0);

/**
 * The code units of `text` in the first `text.length` entries. The array is one scratch buffer shared by every
 * caller, overwritten by the next call: read it before calling anything that may call this again.
 */
export function codeUnitsOf(text: string): Uint16Array {
  if (text.length > units.length) {
    bytes = Buffer.alloc(Math.max(2 * text.length, 2 * bytes.length));
    units = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  }
  bytes.write(text, 0, "utf16le");
  return units;
}
