import type { TranscriptFormat } from "@recap/shared";
import { hasCaptionTimings } from "./caption-cues.ts";
import * as contactLens from "./contact-lens.ts";
import { isRecord } from "./json-shape.ts";
import * as jsonTurns from "./json-turns.ts";
import type { FormatModule, ParsedTranscript, SourceFormat } from "./parsed-transcript.ts";
import * as plainText from "./plain-text.ts";
import * as postCallAnalytics from "./post-call-analytics.ts";
import * as srt from "./srt.ts";
import * as transcribe from "./transcribe.ts";
import * as transcribeCallAnalytics from "./transcribe-call-analytics.ts";
import { UnreadableTranscriptError } from "./unreadable.ts";
import * as webvtt from "./webvtt.ts";

/** Every format, by name: what it expects, how it is detected, how it is parsed. */
export const FORMATS: Readonly<Record<SourceFormat, FormatModule>> = {
  "plain-text": plainText,
  "json-turns": jsonTurns,
  transcribe,
  "transcribe-call-analytics": transcribeCallAnalytics,
  "contact-lens": contactLens,
  "post-call-analytics": postCallAnalytics,
  webvtt,
  srt,
};

/**
 * JSON shapes, most distinctive signature first: Transcribe's `results.items`, post-call-analytics'
 * `SpeechSegments`, then the two `Transcript[]` shapes, Contact Lens (a `VOICE-`/`CHAT-` version or
 * ParticipantIds) before Call Analytics (ParticipantRoles only), and JSON turns last, being the most generic.
 */
export const JSON_DETECTION_ORDER: readonly SourceFormat[] = [
  "transcribe",
  "post-call-analytics",
  "contact-lens",
  "transcribe-call-analytics",
  "json-turns",
];

/** Text: WebVTT's header is definitive, SRT's numbered first cue nearly so; plain text takes the rest. */
export const TEXT_DETECTION_ORDER: readonly SourceFormat[] = ["webvtt", "srt", "plain-text"];

const JSON_START = /^\s*[[{]/;

/**
 * The turns of a transcript in `format`, or with `auto`, in whichever format the content turns out to be.
 * Content that opens with `{` or `[` is JSON or nothing; it is parsed once and handed to every detector.
 * An explicit format skips detection but must still match: a mismatch is reported, with the format the
 * content does look like. Throws {@link UnreadableTranscriptError} with the rejection code.
 */
export function parseTranscript(content: string, format: TranscriptFormat): ParsedTranscript {
  if (content.trim() === "") {
    throw new UnreadableTranscriptError(
      "empty-transcript",
      "the transcript is empty: send the text of the call",
    );
  }
  const parsed = jsonValueOf(content);
  if (isEmptyJson(parsed)) {
    throw new UnreadableTranscriptError(
      "empty-transcript",
      "the transcript is an empty JSON array or object",
    );
  }
  const chosen = format === "auto" ? detectedOrThrow(content, parsed) : format;
  const parser = FORMATS[chosen];
  if (format !== "auto" && !parser.detect(content, parsed)) throw mismatch(chosen, content, parsed);
  const transcript = parser.parse(content, parsed);
  if (transcript.turns.length === 0) {
    throw new UnreadableTranscriptError(
      "no-speech-turns",
      `read as ${chosen}, but it holds no speech turns; expected ${parser.expects}`,
    );
  }
  return transcript;
}

/** The format content is in, by the documented order, or undefined when nothing matches. */
export function detectFormat(content: string, parsed: unknown): SourceFormat | undefined {
  const order = JSON_START.test(content) ? JSON_DETECTION_ORDER : TEXT_DETECTION_ORDER;
  return order.find((format) => FORMATS[format].detect(content, parsed));
}

function detectedOrThrow(content: string, parsed: unknown): SourceFormat {
  const found = detectFormat(content, parsed);
  if (found) return found;
  if (!JSON_START.test(content) && hasCaptionTimings(content)) {
    throw new UnreadableTranscriptError(
      "malformed-transcript",
      "the content holds caption timing lines (`-->`) but neither a `WEBVTT` first line nor SRT's numbered cues: send the whole caption file",
    );
  }
  if (!JSON_START.test(content)) {
    return fail(
      `the content opens like markup, which no supported format does; expected ${listOf(TEXT_DETECTION_ORDER)}`,
    );
  }
  if (parsed === undefined) {
    return fail("the content opens like JSON but is not valid JSON (cut short?): send the whole document");
  }
  return fail(`JSON of an unknown shape; expected one of: ${listOf(JSON_DETECTION_ORDER)}`);
}

function mismatch(format: SourceFormat, content: string, parsed: unknown): UnreadableTranscriptError {
  const brokenJson = JSON_START.test(content) && parsed === undefined ? " (it is not valid JSON)" : "";
  const lookalike = detectFormat(content, parsed);
  const hint = lookalike ? `; it looks like ${lookalike}: set format to "${lookalike}" or "auto"` : "";
  return new UnreadableTranscriptError(
    "unknown-format",
    `format is "${format}", but the content is not ${FORMATS[format].expects}${brokenJson}${hint}`,
  );
}

function jsonValueOf(content: string): unknown {
  if (!JSON_START.test(content)) return undefined;
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

function isEmptyJson(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
}

function listOf(formats: readonly SourceFormat[]): string {
  return formats.map((format) => `${format} (${FORMATS[format].expects})`).join("; ");
}

function fail(message: string): never {
  throw new UnreadableTranscriptError("unknown-format", message);
}
