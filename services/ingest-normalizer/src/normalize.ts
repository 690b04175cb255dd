import { createHash } from "node:crypto";
import {
  type CanonicalTranscript,
  MAX_INLINE_TRANSCRIPT_BYTES,
  type RejectionCode,
  stableStringify,
  type transcriptSubmitted,
} from "@recap/shared";
import type { z } from "zod";
import { parsePlainText } from "./plain-text.ts";

type Submission = z.output<(typeof transcriptSubmitted)["data"]>;

export type Normalized = {
  kind: "normalized";
  transcript: CanonicalTranscript;
  estimatedInputTokens: number;
};
export type Rejected = { kind: "rejected"; code: RejectionCode; message: string };

/**
 * Input tokens, estimated as one per four characters: the usual English-text rule of thumb, which
 * errs high on short words. Good enough to pack shards under a size cap; not a billing figure.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Turns a submission into one canonical transcript, or says exactly why it cannot. Pure. */
export function normalizeTranscript(submission: Submission): Normalized | Rejected {
  const { content } = submission;
  const bytes = Buffer.byteLength(content, "utf8");
  if (bytes > MAX_INLINE_TRANSCRIPT_BYTES) {
    return reject(
      "oversize",
      `inline content is ${bytes} bytes; the limit is ${MAX_INLINE_TRANSCRIPT_BYTES}`,
    );
  }
  if (content.includes("\uFFFD") || content.includes("\u0000")) {
    return reject("bad-encoding", "content holds replacement or NUL characters: send it as UTF-8 text");
  }
  if (content.trim() === "") return reject("empty-transcript", "content is empty");
  if (submission.format === "auto" && /^\s*[[{<]/.test(content)) {
    return reject(
      "unknown-format",
      "content looks like JSON or markup; only plain-text `Speaker: words` is read",
    );
  }
  const turns = parsePlainText(content);
  if (turns.length === 0) {
    return reject("no-speech-turns", "no `Speaker: words` lines found, e.g. `Agent: Hello, how can I help?`");
  }
  const version = createHash("sha256")
    .update(stableStringify({ language: submission.language, channel: submission.channel, turns }))
    .digest("hex")
    .slice(0, 16);
  const transcript: CanonicalTranscript = {
    schemaVersion: 1,
    transcriptId: submission.transcriptId,
    version,
    sourceFormat: "plain-text",
    language: submission.language,
    channel: submission.channel,
    turns,
    profile: submission.profile,
    ...(submission.deadline ? { deadline: submission.deadline } : {}),
    metadata: submission.metadata,
  };
  const spoken = turns.map((t) => `${t.speaker}: ${t.text}`).join("\n");
  return { kind: "normalized", transcript, estimatedInputTokens: estimateTokens(spoken) };
}

function reject(code: RejectionCode, message: string): Rejected {
  return { kind: "rejected", code, message };
}
