import { createHash } from "node:crypto";
import type { Logger } from "@aws-lambda-powertools/logger";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  createEvent,
  type EventOf,
  type Metadata,
  metadataSchema,
  type PoisonMessageError,
  payloadOf,
  type RejectionCode,
  stableStringify,
  transcriptIdSchema,
  transcriptNormalized,
  transcriptRejected,
  type transcriptSubmitted,
} from "@recap/shared";
import type { Publish } from "@recap/shared/runtime";
import { admitSubmission } from "./admit-submission.ts";
import { markAnnounced, wasAnnounced } from "./announcements.ts";
import type { ByteBudget } from "./byte-budget.ts";
import { openContent } from "./fetch-content.ts";
import { UnreadableTranscriptError } from "./formats/unreadable.ts";
import { type Normalized, normalizeTranscript, type Rejected } from "./normalize.ts";

const PRODUCER = "ingest-normalizer";

export interface IngestDeps {
  s3: S3Client;
  bucket: () => string;
  publish: Publish;
  logger: Logger;
  /** Referenced bodies this invocation may read and parse at once, its records running together. */
  referencedBytes: ByteBudget;
}

type Submitted = EventOf<typeof transcriptSubmitted>;

/**
 * One submitted transcript to one outcome: its canonical form stored and `transcript.normalized`, or its raw
 * message kept and `transcript.rejected`. Each outcome is announced once: a redelivery or a republish of the
 * same transcript (same id, same content) finds the outcome's marker and emits nothing new; new content under
 * the same id is a new version.
 */
export async function ingestTranscript(event: Submitted, raw: string, deps: IngestDeps): Promise<void> {
  const { data } = event;
  const rejectWith = (code: RejectionCode, message: string) =>
    keepRejected(
      {
        transcriptId: data.transcriptId,
        metadata: data.metadata,
        raw,
        key: stableStringify(data),
        code,
        message,
      },
      deps,
    );

  const admitted = admitSubmission(data, deps.bucket());
  if (admitted.kind === "rejected") return rejectWith(admitted.code, admitted.message);
  const { profile } = admitted;
  let outcome: Normalized | Rejected;
  if (data.contentUri !== undefined) {
    const uri = data.contentUri;
    try {
      const content = await openContent(deps.s3, uri);
      // Held from reading the body until the canonical transcript is made: the text and its parse are the
      // large part; what is kept after (the canonical transcript) is a fraction of it.
      outcome = await deps.referencedBytes.hold(content.bytes, async () =>
        normalizeTranscript(data, await content.read(), profile),
      );
    } catch (error) {
      if (error instanceof UnreadableTranscriptError) return rejectWith(error.code, error.message);
      throw error;
    }
  } else outcome = normalizeTranscript(data, data.content ?? "", profile);
  if (outcome.kind === "rejected") return rejectWith(outcome.code, outcome.message);

  const { transcript, estimatedInputTokens } = outcome;
  // A (transcript, version, profile) is one unit of work: the same call summarized under two profiles is
  // stored and announced twice, once per profile.
  const key = `normalized/${data.transcriptId}/${transcript.version}/${transcript.profile}.json`;
  if (await wasAnnounced(deps.s3, deps.bucket(), key)) {
    deps.logger.info("transcript already normalized", {
      transcriptId: data.transcriptId,
      version: transcript.version,
    });
    return;
  }
  const body = JSON.stringify(transcript);
  await deps.s3.send(
    new PutObjectCommand({ Bucket: deps.bucket(), Key: key, Body: body, ContentType: "application/json" }),
  );
  await deps.publish(
    createEvent(transcriptNormalized, {
      producer: PRODUCER,
      correlationId: data.transcriptId,
      data: {
        transcriptId: data.transcriptId,
        version: transcript.version,
        transcriptUri: `s3://${deps.bucket()}/${key}`,
        bytes: Buffer.byteLength(body),
        estimatedInputTokens,
        turns: transcript.turns.length,
        language: transcript.language,
        channel: transcript.channel,
        profile: transcript.profile,
        ...(transcript.deadline ? { deadline: transcript.deadline } : {}),
        metadata: data.metadata,
      },
    }),
  );
  await markAnnounced(deps.s3, deps.bucket(), key);
  deps.logger.info("transcript normalized", {
    transcriptId: data.transcriptId,
    version: transcript.version,
    format: transcript.sourceFormat,
    turns: transcript.turns.length,
    redactions: transcript.redactions,
  });
}

/**
 * A message that is not even a valid transcript.submitted event is still somebody's transcript: keep it
 * and say why, with whatever id and metadata can be salvaged, rather than drop it in a dead-letter queue.
 */
export async function rejectUnreadable(
  raw: string,
  error: PoisonMessageError,
  deps: IngestDeps,
): Promise<void> {
  await keepRejected({ ...unreadableRejection(raw, error), raw, key: raw }, deps);
}

/** Pure: the rejection an unreadable message earns, with whatever id and metadata it still holds. */
export function unreadableRejection(
  raw: string,
  error: PoisonMessageError,
): { transcriptId?: string; metadata: Metadata; code: RejectionCode; message: string } {
  return { ...salvage(raw), code: "invalid-event", message: error.message };
}

/**
 * A rejection's message is read by people and travels in an event that must stay far below SNS's 256 KB,
 * yet some messages quote the input (an unknown event type, a metadata key), which may be any length.
 */
const MAX_REASON_CHARS = 1000;

export function reasonMessage(message: string): string {
  if (message.length <= MAX_REASON_CHARS) return message;
  // Cut before a surrogate pair's second half, never between its halves.
  return `${message.slice(0, MAX_REASON_CHARS - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

interface Rejection {
  transcriptId?: string;
  metadata: Metadata;
  /** The message body, kept byte for byte. */
  raw: string;
  /** What makes two rejections the same one: the submission's data, or the raw body when unreadable. */
  key: string;
  code: RejectionCode;
  message: string;
}

async function keepRejected(rejection: Rejection, deps: IngestDeps): Promise<void> {
  const digest = createHash("sha256").update(rejection.key).digest("hex").slice(0, 16);
  const owner = rejection.transcriptId ?? "unidentified";
  const key = `rejected/${owner}/${digest}`;
  if (await wasAnnounced(deps.s3, deps.bucket(), key)) {
    deps.logger.info("transcript already rejected", { transcriptId: owner, code: rejection.code });
    return;
  }
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket(),
      Key: key,
      Body: rejection.raw,
      ContentType: "application/octet-stream",
      Metadata: { "rejection-code": rejection.code },
    }),
  );
  await deps.publish(
    createEvent(transcriptRejected, {
      producer: PRODUCER,
      correlationId: rejection.transcriptId ?? `unidentified-${digest}`,
      data: {
        ...(rejection.transcriptId ? { transcriptId: rejection.transcriptId } : {}),
        reason: { code: rejection.code, message: reasonMessage(rejection.message) },
        rawUri: `s3://${deps.bucket()}/${key}`,
        metadata: rejection.metadata,
      },
    }),
  );
  await markAnnounced(deps.s3, deps.bucket(), key);
  deps.logger.info("transcript rejected", { transcriptId: owner, code: rejection.code });
}

/** Best effort: the transcript id and metadata of a message that failed its schema, if they are valid. */
function salvage(raw: string): { transcriptId?: string; metadata: Metadata } {
  let data: unknown;
  try {
    data = (payloadOf({ body: raw }) as { data?: unknown } | null)?.data;
  } catch {
    return { metadata: {} };
  }
  const fields = (data ?? {}) as { transcriptId?: unknown; metadata?: unknown };
  const id = transcriptIdSchema.safeParse(fields.transcriptId);
  const metadata = metadataSchema.safeParse(fields.metadata);
  return {
    ...(id.success ? { transcriptId: id.data } : {}),
    metadata: metadata.success ? metadata.data : {},
  };
}
