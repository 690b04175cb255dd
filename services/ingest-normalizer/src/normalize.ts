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

/**
 * Input tokens, estimated as one per four characters: the usual English-text rule of thumb. Good enough to
 * refuse a transcript that cannot fit a model's window and to pack shards under a cap; not a billing figure.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

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
  if (content.includes("\uFFFD") || content.includes("\u0000")) {
    return reject("bad-encoding", "content holds replacement or NUL characters: send it as UTF-8 text");
  }
  let parsed: ReturnType<typeof parseTranscript>;
  try {
    parsed = parseTranscript(content, submission.format);
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

function spokenText(turns: readonly Turn[]): string {
  return turns.map((t) => `${t.speaker}: ${t.text}`).join("\n");
}

function reject(code: RejectionCode, message: string): Rejected {
  return { kind: "rejected", code, message };
}
