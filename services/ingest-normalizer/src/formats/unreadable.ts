import type { RejectionCode } from "@recap/shared";

/**
 * A transcript that cannot be read as sent (missing, oversize, not UTF-8, in no known format, without
 * speech), with the rejection code it earns and a message a person can act on.
 * Messages say what was expected and never quote the transcript: they end up in events and logs.
 */
export class UnreadableTranscriptError extends Error {
  override readonly name = "UnreadableTranscriptError";
  readonly code: RejectionCode;
  constructor(code: RejectionCode, message: string) {
    super(message);
    this.code = code;
  }
}
