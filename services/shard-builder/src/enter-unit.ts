import type { Logger } from "@aws-lambda-powertools/logger";
import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  canonicalTranscriptSchema,
  PoisonMessageError,
  type RecapConfig,
  recordIdOf,
  resolveProfile,
  UnknownProfileError,
} from "@recap/shared";
import type { Arrival } from "./arrival.ts";
import { type Group, groupKey } from "./group-key.ts";
import { memberExists, putMemberOnce } from "./members.ts";
import { recordLine } from "./record-line.ts";
import { recordLineKey } from "./shard-id.ts";

export interface EntryDeps {
  db: DynamoDBDocumentClient;
  table: string;
  s3: S3Client;
  bucket: string;
  config: RecapConfig;
  logger: Logger;
  now?: () => Date;
}

/** What an entry did: the group it joined and, for the writer that created the member, what to count. */
export interface Entered {
  group: Group;
  /** False when the member already existed (a duplicate event or a redelivery): nothing to count. */
  created: boolean;
  bytes: number;
}

/**
 * An arriving unit of work (a normalized transcript, or a retry with its new attempt) becomes a member of its
 * (model, profile, lane) group, exactly once: its JSONL line is stored under its recordId, then the member
 * item is written only if absent. A duplicate event, a redelivery or two builders racing all end with one
 * member; only the writer that created it counts it (once per batch, in the handler).
 */
export async function enterUnit(deps: EntryDeps, arrival: Arrival): Promise<Entered> {
  const { unit } = arrival;
  const resolved = (() => {
    try {
      return resolveProfile(unit.profile, deps.config);
    } catch (error) {
      if (error instanceof UnknownProfileError)
        throw new PoisonMessageError(error.message, "unknown-profile");
      throw error;
    }
  })();
  const recordId = recordIdOf(unit);
  const group: Group = { modelId: resolved.profile.modelId, profile: unit.profile, lane: arrival.lane };
  const logged = { transcriptId: unit.transcriptId, recordId, profile: unit.profile, attempt: unit.attempt };

  // Entered before: its line is stored and may already be in a shard; never rewrite it (config may differ now).
  if (await memberExists(deps.db, deps.table, recordId)) {
    deps.logger.info("unit already entered", logged);
    return { group, created: false, bytes: 0 };
  }
  const transcript = canonicalTranscriptSchema.parse(
    JSON.parse(await readText(deps.s3, arrival.transcriptUri)),
  );
  const { line, promptVersion, estimatedInputTokens } = recordLine(recordId, transcript, resolved);
  await deps.s3.send(
    new PutObjectCommand({
      Bucket: deps.bucket,
      Key: recordLineKey(recordId),
      Body: line,
      ContentType: "application/jsonl",
    }),
  );
  const bytes = Buffer.byteLength(line);
  const arrivedAt = (deps.now?.() ?? new Date()).toISOString();
  const created = await putMemberOnce(deps.db, deps.table, {
    ...unit,
    recordId,
    group: groupKey(group),
    arrival: `${arrivedAt}#${recordId}`,
    bytes,
    transcriptUri: arrival.transcriptUri,
    ...(arrival.language ? { language: arrival.language } : {}),
    promptVersion,
    estimatedInputTokens,
    // In UTC, so that deadlines sort as text in the deadline index whatever offset the producer wrote.
    ...(arrival.deadline ? { deadline: new Date(arrival.deadline).toISOString() } : {}),
    metadata: arrival.metadata,
  });
  deps.logger.info(created ? "unit entered" : "unit already entered", logged);
  return { group, created, bytes };
}

async function readText(s3: S3Client, uri: string): Promise<string> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new PoisonMessageError(`not an s3 URI: ${uri}`, "invalid-event");
  const object = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
  return (await object.Body?.transformToString()) ?? "";
}
