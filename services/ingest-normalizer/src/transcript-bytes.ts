import { UnreadableTranscriptError } from "./formats/unreadable.ts";

/** How a file says what it is encoded in: its byte-order mark, the first bytes Windows tools write. */
const BYTE_ORDER_MARKS: ReadonlyArray<{
  mark: readonly number[];
  encoding: "utf-8" | "utf-16le" | "utf-16be";
}> = [
  { mark: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { mark: [0xff, 0xfe], encoding: "utf-16le" },
  { mark: [0xfe, 0xff], encoding: "utf-16be" },
];

/**
 * The text of a transcript's bytes: UTF-16 LE or BE when they open with that byte-order mark (Notepad's
 * "Unicode" export, PowerShell's default), UTF-8 otherwise, a UTF-8 BOM dropped. Decoding is strict: bytes
 * that are not valid in their encoding (Latin-1 sent as UTF-8, a UTF-16 file cut at an odd byte, a lone
 * surrogate) are a `bad-encoding` rejection, never text with U+FFFD in it.
 */
export function decodeTranscriptBytes(bytes: Uint8Array, where: string): string {
  const found = BYTE_ORDER_MARKS.find(({ mark }) => mark.every((byte, at) => bytes[at] === byte));
  const encoding = found?.encoding ?? "utf-8";
  try {
    // ignoreBOM false (the default): the decoder drops the mark it was chosen by.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    const said = found ? `${encoding.toUpperCase()} (by its byte-order mark)` : "UTF-8";
    throw new UnreadableTranscriptError(
      "bad-encoding",
      `${where} is not valid ${said} text: send UTF-8, or UTF-16 with a byte-order mark`,
    );
  }
}
