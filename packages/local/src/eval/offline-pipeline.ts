import { invokeFamily } from "@recap/bedrock-local/models/family";
import { createOfflineSummarizer } from "@recap/bedrock-local/models/offline-summarizer";
import type { GeneratedCall } from "@recap/call-generator/call-types";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { normalizeTranscript } from "@recap/ingest-normalizer/normalize";
import { judgeRecord } from "@recap/result-publisher/judge-record";
import { recordLine } from "@recap/shard-builder/record-line";
import { type AnySummary, type ResolvedProfile, resolveProfile, transcriptSubmitted } from "@recap/shared";

/** What the pipeline made of one call: its summary, or the stage that stopped it and why. */
export type OfflineOutcome =
  | { transcriptId: string; summary: AnySummary }
  | { transcriptId: string; failed: "rejected" | "model-error" | "invalid-summary"; message: string };

/**
 * A generated call through the stages the pipeline runs, calling each stage's own pure function (no queues, no
 * buckets): its submitted event read with the event's schema, the normalizer, the shard builder's record line
 * for the profile, the local Bedrock's family adapter and offline summarizer, the result publisher's verdict.
 * Agreement measured through this is the agreement `recap demo` and `recap eval` would see.
 */
export async function summarizeOffline(
  call: GeneratedCall,
  profile: ResolvedProfile = resolveProfile("default"),
): Promise<OfflineOutcome> {
  const { transcriptId } = call;
  const submission = transcriptSubmitted.data.parse(toSubmittedEvent(call).data);
  const normalized = normalizeTranscript(submission, call.content, profile.profile);
  if (normalized.kind === "rejected")
    return { transcriptId, failed: "rejected", message: normalized.message };
  const { line } = recordLine(transcriptId, normalized.transcript, profile);
  const { modelInput } = JSON.parse(line) as { modelInput: unknown };
  const outcome = await invokeFamily(profile.family, backend, modelInput, profile.profile.modelId);
  if ("error" in outcome) return { transcriptId, failed: "model-error", message: outcome.error.errorMessage };
  const verdict = judgeRecord({ recordId: transcriptId, ...outcome }, profile.family, profile.template);
  if (!verdict.ok) return { transcriptId, failed: "invalid-summary", message: verdict.failure.message };
  return { transcriptId, summary: verdict.summary };
}

const backend = createOfflineSummarizer();
