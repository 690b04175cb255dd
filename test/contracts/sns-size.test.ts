import { MAX_INLINE_EVENT_BYTES } from "@recap/result-publisher/settle-record";
import {
  createEvent,
  type EventDefinition,
  type Metadata,
  profileSchema,
  type RecapEvent,
  recordRetrying,
  SNS_MAX_PAYLOAD_BYTES,
  snsMessageBytes,
  summaryFailed,
  summaryReady,
  transcriptNormalized,
  transcriptRejected,
} from "@recap/shared";
import { messageAttributes } from "@recap/shared/runtime";
import { describe, expect, test } from "vitest";

/**
 * Within the contract, no event a service emits is too big for SNS: each is built at every bound its schema
 * (or, where the schema leaves a field open, its producer or AWS) sets, and measured as SNS measures it,
 * the body plus every attribute's name, type and value in UTF-8.
 *
 * Metadata is the bulk: 32 values of 1,024 characters. A control character is one character and six bytes
 * in JSON (\u0001); "€" is three bytes both in JSON and in an attribute (tenant, callCenter and queue
 * become attributes too). Both fillings are tried, and the larger is what must fit.
 */
const CONTROL = "\u0001";
const EURO = "€";
const FILTERABLE = ["tenant", "callCenter", "queue"];

function maximalMetadata(filterableChar: string, otherChar: string): Metadata {
  const metadata: Metadata = {};
  for (const key of FILTERABLE) metadata[key] = filterableChar.repeat(1024);
  for (let i = FILTERABLE.length; i < 32; i++) metadata[`k${i}`.padEnd(64, "_")] = otherChar.repeat(1024);
  return metadata;
}
const fillings = [
  { name: "control characters everywhere", metadata: maximalMetadata(CONTROL, CONTROL) },
  { name: "€ in the filterable values", metadata: maximalMetadata(EURO, CONTROL) },
];

/** Bounds the schemas leave open, taken from who fills the field. */
const transcriptId = `T${"a".repeat(127)}`;
const version = "0123456789abcdef";
const profile = "p".repeat(64); // transcript.submitted's bound
const language = "l".repeat(35); // transcript.submitted's bound
const bucket = "b".repeat(63);
const s3Uri = `s3://${bucket}/${"k".repeat(1024)}`; // S3 keys are at most 1,024 bytes
const modelId = "m".repeat(2048); // Bedrock's modelId: at most 2,048 characters
const jobArn = "j".repeat(1011); // Bedrock's job ARN: at most 1,011 characters
const shardId = "s".repeat(40);
const failure = { code: "invalid-summary" as const, message: CONTROL.repeat(1024) };
const maxAttempts = profileSchema.shape.maxAttempts.unwrap().maxValue ?? Number.POSITIVE_INFINITY;

function snsBytes(event: RecapEvent): number {
  return snsMessageBytes({ Message: JSON.stringify(event), MessageAttributes: messageAttributes(event) });
}

function build<D extends EventDefinition>(definition: D, data: unknown): RecapEvent {
  return createEvent(definition, {
    producer: "result-publisher",
    correlationId: transcriptId,
    data: data as never,
  }) as RecapEvent;
}

function summaryReadyData(metadata: Metadata, summaryText?: string) {
  return {
    transcriptId,
    version,
    profile,
    summaryUri: s3Uri,
    ...(summaryText === undefined ? {} : { summary: { text: summaryText } }),
    promptVersion: "v".repeat(128),
    modelId,
    shardId,
    jobArn,
    recordId: "R".repeat(11),
    attempt: maxAttempts,
    usage: { inputTokens: 1_000_000_000, outputTokens: 1_000_000_000 },
    costUsd: 123_456.789_012_345,
    language,
    metadata,
  };
}

/** The largest summary.ready result-publisher keeps the summary inline in: its JSON right at the cut. */
function largestInline(metadata: Metadata): RecapEvent {
  const shortest = JSON.stringify(build(summaryReady, summaryReadyData(metadata, "x")));
  const text = "x".repeat(1 + MAX_INLINE_EVENT_BYTES - Buffer.byteLength(shortest));
  const event = build(summaryReady, summaryReadyData(metadata, text));
  expect(Buffer.byteLength(JSON.stringify(event))).toBe(MAX_INLINE_EVENT_BYTES);
  return event;
}

describe.each(fillings)("with maximal metadata ($name)", ({ metadata }) => {
  const cases: Array<[string, () => RecapEvent]> = [
    ["summary.ready, summary by reference", () => build(summaryReady, summaryReadyData(metadata))],
    ["summary.ready, the largest summary kept inline", () => largestInline(metadata)],
    [
      `summary.failed after ${maxAttempts} attempts`,
      () =>
        build(summaryFailed, {
          transcriptId,
          version,
          profile,
          attempts: Array.from({ length: maxAttempts }, (_, i) => ({
            attempt: i + 1,
            recordId: "R".repeat(11),
            shardId,
            failure,
          })),
          error: failure,
          language,
          metadata,
        }),
    ],
    [
      "transcript.normalized",
      () =>
        build(transcriptNormalized, {
          transcriptId,
          version,
          transcriptUri: s3Uri,
          bytes: 10 * 1024 * 1024,
          estimatedInputTokens: 10_000_000,
          turns: 1_000_000,
          language,
          channel: "voice",
          profile,
          deadline: "2026-12-31T23:59:59.999+14:00",
          metadata,
        }),
    ],
    [
      "transcript.rejected",
      () =>
        build(transcriptRejected, {
          transcriptId,
          reason: { code: "malformed-transcript", message: CONTROL.repeat(1024) },
          rawUri: s3Uri,
          metadata,
        }),
    ],
    [
      "record.retrying",
      () =>
        build(recordRetrying, {
          unit: { transcriptId, version, profile, attempt: maxAttempts },
          previous: { recordId: "R".repeat(11), shardId, failure },
          transcriptUri: s3Uri,
          language,
          deadline: "2026-12-31T23:59:59.999+14:00",
          metadata,
        }),
    ],
  ];

  test.each(cases)("%s fits SNS with its attributes", (_name, make) => {
    const bytes = snsBytes(make());
    expect(bytes).toBeLessThanOrEqual(SNS_MAX_PAYLOAD_BYTES);
    // The figure, for the report: how close the largest event of each kind comes.
    console.info(`${_name}: ${bytes} bytes of ${SNS_MAX_PAYLOAD_BYTES}`);
  });
});

describe("the contract bounds what SNS would otherwise refuse", () => {
  test("a rejection's reason is at most 1,024 characters, as ingest-normalizer cuts it", () => {
    const tooLong = { code: "malformed-transcript", message: "r".repeat(1025) };
    expect(() => build(transcriptRejected, { reason: tooLong, rawUri: s3Uri })).toThrow();
  });

  test("a profile allows a bounded number of attempts, so summary.failed's list of them is bounded", () => {
    expect(Number.isFinite(maxAttempts)).toBe(true);
  });
});
