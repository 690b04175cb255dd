import {
  canonicalTranscriptSchema,
  decodeEvent,
  PoisonMessageError,
  type RecapEvent,
  type RejectionCode,
  transcriptNormalized,
} from "@recap/shared";
import { describe, expect, test } from "vitest";
import { admitSubmission } from "./admit-submission.ts";
import { UnreadableTranscriptError } from "./formats/unreadable.ts";
import {
  encodingInputs,
  envelopeInputs,
  formatInputs,
  type HostileInput,
  hostileInputs,
  INJECTION_MARKER,
  injectionInputs,
  languageInputs,
  referenceInputs,
  submittedBody,
} from "./hostile-inputs.fixtures.ts";
import { reasonMessage, unreadableRejection } from "./ingest.ts";
import { type Normalized, normalizeTranscript, type Rejected } from "./normalize.ts";
import { decodeTranscriptBytes } from "./transcript-bytes.ts";

const BUCKET = "store-bucket";
type Submission = RecapEvent<"transcript.submitted">["data"];

/**
 * The outcome ingest-normalizer gives an input, through the same pure steps its handler takes: decode the
 * message (poison becomes an invalid-event rejection), admit the submission, decode a referenced object's
 * bytes, normalize. Only S3 and SNS are left out; the end-to-end test has them.
 */
function outcomeOf(input: HostileInput): Normalized | Rejected {
  if ("message" in input) return outcomeOfMessage(input.message);
  if ("content" in input) return outcomeOfMessage(submittedBody({ content: input.content, ...input.data }));
  const contentUri = "contentUri" in input ? input.contentUri(BUCKET) : `s3://${BUCKET}/raw/call-hostile.txt`;
  const submission = decodeEvent({ body: submittedBody({ content: undefined, contentUri }) }, [
    "transcript.submitted",
  ]).data;
  if (!("bytes" in input)) return judged(submission, () => "");
  return judged(submission, () => decodeTranscriptBytes(input.bytes, contentUri));
}

function outcomeOfMessage(body: string): Normalized | Rejected {
  let submission: Submission;
  try {
    submission = decodeEvent({ body }, ["transcript.submitted"]).data;
  } catch (error) {
    if (!(error instanceof PoisonMessageError)) throw error;
    const { code, message } = unreadableRejection(body, error);
    return { kind: "rejected", code, message };
  }
  return judged(submission, () => submission.content ?? "");
}

function judged(submission: Submission, content: () => string): Normalized | Rejected {
  const admitted = admitSubmission(submission, BUCKET);
  if (admitted.kind === "rejected") return admitted;
  try {
    return normalizeTranscript(submission, content(), admitted.profile);
  } catch (error) {
    if (error instanceof UnreadableTranscriptError)
      return { kind: "rejected", code: error.code, message: error.message };
    throw error;
  }
}

function check(input: HostileInput): void {
  const outcome = outcomeOf(input);
  if ("rejected" in input.expect) {
    const wanted: RejectionCode = input.expect.rejected;
    expect(outcome.kind === "rejected" ? outcome.code : "normalized").toBe(wanted);
    if (outcome.kind !== "rejected") return;
    // A person can act on it, and it fits an event however long the input was.
    expect(outcome.message.trim()).not.toBe("");
    expect(reasonMessage(outcome.message).length).toBeLessThanOrEqual(1000);
    return;
  }
  if (outcome.kind === "rejected") throw new Error(`rejected as ${outcome.code}: ${outcome.message}`);
  const { transcript, estimatedInputTokens } = outcome;
  expect(canonicalTranscriptSchema.parse(transcript)).toEqual(transcript);
  const expected = input.expect.normalized;
  expect(transcript.sourceFormat).toBe(expected.format);
  if ("turns" in expected) {
    expect(transcript.turns.map((turn) => [turn.role, turn.speaker, turn.text])).toEqual(expected.turns);
  } else {
    expect(transcript.turns).toHaveLength(expected.turnCount);
    if (expected.tokensAtLeast) expect(estimatedInputTokens).toBeGreaterThanOrEqual(expected.tokensAtLeast);
  }
}

describe("hostile input: every kind ends in one clear outcome", () => {
  test("the catalogue holds at least 60 kinds, each named once", () => {
    const names = hostileInputs.map((input) => input.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  describe.each([
    ["the event envelope", envelopeInputs],
    ["content references", referenceInputs],
    ["encodings", encodingInputs],
    ["languages", languageInputs],
    ["format content", formatInputs],
    ["prompt injection", injectionInputs],
  ])("%s", (_area, inputs) => {
    test.each(inputs.map((input) => [input.name, input] as const))("%s", (_name, input) => {
      check(input);
    });
  });

  test("a __proto__ key in an event pollutes no prototype", () => {
    outcomeOfMessage(
      submittedBody().replace('"metadata":{}', '"metadata":{},"__proto__":{"polluted":"yes"}'),
    );
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a transcript id is salvaged from an invalid event only when it is itself valid", () => {
    const poison = new PoisonMessageError("fails its schema", "invalid-event");
    expect(unreadableRejection(submittedBody({ content: 42 }), poison).transcriptId).toBe("call-hostile");
    expect(
      unreadableRejection(submittedBody({ content: 42, transcriptId: "../x" }), poison).transcriptId,
    ).toBeUndefined();
  });

  test("an input quoted in a rejection is cut to 1,000 characters, never between a surrogate pair", () => {
    // The emoji's two halves sit at 998 and 999: a plain cut at 999 would keep half of it.
    const cut = reasonMessage(`${"x".repeat(998)}😀 and more`);
    expect(cut).toBe(`${"x".repeat(998)}…`);
    expect(reasonMessage("short")).toBe("short");
  });

  test("injected text stays speech: it reaches neither the event's attributes nor its stored key", () => {
    for (const input of injectionInputs) {
      const outcome = outcomeOf(input);
      if (outcome.kind !== "normalized") throw new Error(`rejected: ${outcome.message}`);
      const { transcript } = outcome;
      expect(transcript.turns.map((turn) => turn.text).join(" ")).toContain(INJECTION_MARKER);
      const attributes = transcriptNormalized.attributes({
        transcriptId: transcript.transcriptId,
        version: transcript.version,
        transcriptUri: `s3://${BUCKET}/normalized/x.json`,
        bytes: 1,
        estimatedInputTokens: 1,
        turns: transcript.turns.length,
        language: transcript.language,
        channel: transcript.channel,
        profile: transcript.profile,
        metadata: transcript.metadata,
      });
      expect(JSON.stringify(attributes)).not.toContain(INJECTION_MARKER);
      // The stored key is built from these alone: the id the producer chose, a content hash, the profile.
      expect([transcript.transcriptId, transcript.version, transcript.profile]).toEqual([
        "call-hostile",
        expect.stringMatching(/^[0-9a-f]{16}$/),
        "default",
      ]);
    }
  });
});
