import { readFile } from "node:fs/promises";

export class NotTextError extends Error {
  override readonly name = "NotTextError";
}

/** UTF-16's byte-order marks, little- and big-endian: what Notepad's "Unicode" and PowerShell write. */
const UTF16_MARKS: ReadonlyArray<readonly [number, number]> = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

/**
 * What `recap publish` sends for a file: UTF-8 as text (a UTF-8 byte-order mark dropped), UTF-16 with a
 * byte-order mark as the file's bytes, which travel by reference for Recap to decode, as it decodes any
 * referenced transcript. Anything else is refused here, by name, rather than sent to be rejected.
 */
export async function transcriptContentOf(file: string): Promise<string | Uint8Array> {
  const bytes = await readFile(file);
  if (UTF16_MARKS.some(([first, second]) => bytes[0] === first && bytes[1] === second)) return bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof TypeError)
      throw new NotTextError(`${file} is neither UTF-8 nor UTF-16 with a byte-order mark`);
    throw error;
  }
}
