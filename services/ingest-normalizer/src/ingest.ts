import { createHash } from "node:crypto";
import type { Logger } from "@aws-lambda-powertools/logger";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  createEvent,
  type EventOf,
  type Metadata,
  metadataSchema,
  type PoisonMessageError,
  type Publish,
  payloadOf,
  type RejectionCode,
  transcriptIdSchema,
  transcriptNormalized,
  transcriptRejected,
  type transcriptSubmitted,
} from "@recap/shared";
import { normalizeTranscript } from "./normalize.ts";

const PRODUCER = "ingest-normalizer";

export interface IngestDeps {
  s3: S3Client;
  bucket: () => string;
  publish: Publish;
  logger: Logger;
}

/**
 * Stores the canonical transcript, then announces it. Keys and event ids derive from content, so a
 * redelivered message rewrites the same object and re-emits the same event id: at-least-once, no drift.
 */
export async function ingestTranscript(
  event: EventOf<typeof transcriptSubmitted>,
  raw: string,
  deps: IngestDeps,
): Promise<void> {
  const { transcriptId, metadata } = event.data;
  const outcome = normalizeTranscript(event.data);
  if (outcome.kind === "rejected") {
    await keepRejected({ transcriptId, metadata, raw, code: outcome.code, message: outcome.message }, deps);
    return;
  }
  const { transcript, estimatedInputTokens } = outcome;
  const body = JSON.stringify(transcript);
  const key = `normalized/${transcriptId}/${transcript.version}.json`;
  await deps.s3.send(
    new PutObjectCommand({ Bucket: deps.bucket(), Key: key, Body: body, ContentType: "application/json" }),
  );
  await deps.publish(
    createEvent(transcriptNormalized, {
      producer: PRODUCER,
      correlationId: transcriptId,
      data: {
        transcriptId,
        version: transcript.version,
        transcriptUri: `s3://${deps.bucket()}/${key}`,
        bytes: Buffer.byteLength(body),
        estimatedInputTokens,
        turns: transcript.turns.length,
        language: transcript.language,
        channel: transcript.channel,
        profile: transcript.profile,
        ...(transcript.deadline ? { deadline: transcript.deadline } : {}),
        metadata,
      },
    }),
  );
  deps.logger.info("transcript normalized", {
    transcriptId,
    version: transcript.version,
    turns: transcript.turns.length,
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
  const salvaged = salvage(raw);
  await keepRejected({ ...salvaged, raw, code: "invalid-event", message: error.message }, deps);
}

async function keepRejected(
  rejection: { transcriptId?: string; metadata: Metadata; raw: string; code: RejectionCode; message: string },
  deps: IngestDeps,
): Promise<void> {
  const digest = createHash("sha256").update(rejection.raw).digest("hex").slice(0, 16);
  const owner = rejection.transcriptId ?? "unidentified";
  const key = `rejected/${owner}/${digest}`;
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
        reason: { code: rejection.code, message: rejection.message },
        rawUri: `s3://${deps.bucket()}/${key}`,
        metadata: rejection.metadata,
      },
    }),
  );
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
