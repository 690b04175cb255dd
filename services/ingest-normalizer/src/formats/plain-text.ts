import { parsePlainText } from "../plain-text.ts";
import { hasCaptionTimings } from "./caption-cues.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";

export const expects =
  "plain text with a `Speaker: words` line per turn, e.g. `Agent: Hello, how can I help?`";

/**
 * Plain text is the fallback, not a signature: any text that does not open like JSON or markup and holds no
 * caption timing lines (captions without their header are broken captions, not speech). The registry tries
 * it last, and text without `Speaker:` lines then fails as having no speech turns.
 */
export function detect(content: string): boolean {
  return !/^\s*[[{<]/.test(content) && !hasCaptionTimings(content);
}

export function parse(content: string): ParsedTranscript {
  return { format: "plain-text", turns: parsePlainText(content) };
}
