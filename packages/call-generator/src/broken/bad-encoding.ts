import type { Random } from "../random.ts";
import { escapedBytes, MAX_ESCAPED_CONTENT_BYTES } from "./sns-limit.ts";

/**
 * The content as a receiver sees it after reading bytes in one encoding as UTF-8: every byte that is
 * not valid UTF-8 becomes U+FFFD. Latin-1 text garbles its accented letters, Windows-1252 its curly
 * apostrophes (byte 0x92), UTF-16 every character (its byte-order mark first, then a NUL after each
 * ASCII letter). The caller makes sure there is something to garble: an accented name is always said.
 * A NUL costs six bytes once escaped into the event, so UTF-16 is kept to what still fits one message.
 */
export function misdecoded(content: string, random: Random): string {
  const variant = random.int(0, 2);
  if (variant === 1) return Buffer.from(content.replace(/'/g, "\u0092"), "latin1").toString("utf8");
  const utf16 = variant === 2 ? Buffer.from(`\uFEFF${content}`, "utf16le").toString("utf8") : undefined;
  if (utf16 !== undefined && escapedBytes(utf16) <= MAX_ESCAPED_CONTENT_BYTES) return utf16;
  return Buffer.from(content, "latin1").toString("utf8");
}
