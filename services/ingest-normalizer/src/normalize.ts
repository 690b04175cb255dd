import { createHash } from "node:crypto";
import {
  type CanonicalTranscript,
  MAX_INLINE_TRANSCRIPT_BYTES,
  type RejectionCode,
  type SummaryProfile,
  stableStringify,
  type Turn,
  type transcriptSubmitted,
} from "@recap/shared";
import type { z } from "zod";
import { estimateTokens } from "./estimate-tokens.ts";
import { parseTranscript } from "./formats/registry.ts";
import { UnreadableTranscriptError } from "./formats/unreadable.ts";
import { redactTurns } from "./redaction/redact-turns.ts";

type Submission = z.output<(typeof transcriptSubmitted)["data"]>;

export type Normalized = {
  kind: "normalized";
  transcript: CanonicalTranscript;
  estimatedInputTokens: number;
};
export type Rejected = { kind: "rejected"; code: RejectionCode; message: string };

/** Control characters but tab, LF and CR: no speech, and some (ESC) drive the terminal that shows a turn. */
const CONTROL_CHARACTERS = /(?![\t\n\r])\p{Cc}/gu;
/** With the `u` flag a well-formed pair reads as one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Turns a submission's content, in whatever format, into one canonical transcript for its profile, or says
 * exactly why it cannot. Pure: fetching, storing and announcing happen around it.
 */
export function normalizeTranscript(
  submission: Submission,
  content: string,
  profile: SummaryProfile,
): Normalized | Rejected {
  const bytes = Buffer.byteLength(content, "utf8");
  if (submission.content !== undefined && bytes > MAX_INLINE_TRANSCRIPT_BYTES) {
    return reject(
      "oversize",
      `inline content is ${bytes} bytes; the limit is ${MAX_INLINE_TRANSCRIPT_BYTES}: upload it under raw/ and send contentUri`,
    );
  }
  const problem = encodingProblem(content);
  if (problem) return reject("bad-encoding", problem);
  let parsed: ReturnType<typeof parseTranscript>;
  try {
    parsed = parseTranscript(readableText(content), submission.format);
  } catch (error) {
    if (error instanceof UnreadableTranscriptError) return reject(error.code, error.message);
    throw error;
  }
  const { turns, counts } = profile.redactPii
    ? redactTurns(parsed.turns)
    : { turns: parsed.turns, counts: undefined };
  const estimatedInputTokens = estimateTokens(spokenText(turns));
  if (estimatedInputTokens > profile.maxTranscriptTokens) {
    return reject(
      "too-long",
      `about ${estimatedInputTokens} tokens; profile "${submission.profile}" takes at most ${profile.maxTranscriptTokens}`,
    );
  }
  const language = submission.language ?? parsed.language ?? "en";
  const channel = submission.channel ?? parsed.channel ?? "voice";
  const version = createHash("sha256")
    .update(stableStringify({ language, channel, turns }))
    .digest("hex")
    .slice(0, 16);
  const durationMs = parsed.durationMs ?? turns.at(-1)?.endMs;
  const transcript: CanonicalTranscript = {
    schemaVersion: 1,
    transcriptId: submission.transcriptId,
    version,
    sourceFormat: parsed.format,
    language,
    channel,
    ...(durationMs !== undefined ? { durationMs } : {}),
    turns,
    profile: submission.profile,
    ...(submission.deadline ? { deadline: submission.deadline } : {}),
    ...(counts ? { redactions: counts } : {}),
    metadata: submission.metadata,
  };
  return { kind: "normalized", transcript, estimatedInputTokens };
}

/**
 * What shows the text was damaged before it reached Recap: U+FFFD is what a decoder leaves for bytes it could
 * not read, a lone surrogate is half a character (it cannot be stored as UTF-8), a NUL is what UTF-16 read as
 * UTF-8 looks like. Each means the words are no longer all there, so none is passed on.
 */
function encodingProblem(content: string): string | undefined {
  if (content.includes("\u0000"))
    return "content holds NUL characters (UTF-16 read as UTF-8?): send UTF-8, or UTF-16 with a byte-order mark";
  if (content.includes("\uFFFD"))
    return "content holds U+FFFD replacement characters: it was decoded with the wrong encoding before it was sent";
  if (LONE_SURROGATE.test(content))
    return "content holds a lone UTF-16 surrogate, half of a character: send whole characters";
  return undefined;
}

/**
 * The content as the parsers read it: a leading byte-order mark (a file read without stripping it) dropped,
 * since JSON.parse refuses one, and control characters made spaces (a form feed between the pages of an
 * export must still separate the words on either side).
 */
function readableText(content: string): string {
  return content.replace(/^\uFEFF/, "").replace(CONTROL_CHARACTERS, " ");
}

function spokenText(turns: readonly Turn[]): string {
  return turns.map((t) => `${t.speaker}: ${t.text}`).join("\n");
}

function reject(code: RejectionCode, message: string): Rejected {
  return { kind: "rejected", code, message };
}
