import { type ContactLensAnalysis, type ContactLensEntry, contactLensSchema } from "./contact-lens-schema.ts";
import { isRecord, jsonOf, readShape } from "./json-shape.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";
import { labelOfParticipant, roleOfParticipant } from "./participant-role.ts";
import { mergeConsecutive, type Piece, UNIDENTIFIED_SPEAKER, wholeMs } from "./turns.ts";

/*
 * Amazon Connect Contact Lens analysis files, voice and chat. Roles come from ParticipantRole
 * (AGENT, CUSTOMER, SYSTEM), which Connect sets itself, so they are trusted.
 */

export const expects =
  "Amazon Connect Contact Lens analysis: JSON with `Transcript[]` of {ParticipantId, Content, …} and a `Version` such as `VOICE-2022-11-30` or `CHAT-2022-11-30`";

/** A `VOICE-`/`CHAT-` version, a chat transcript version, or entries that name a ParticipantId. */
export function detect(_content: string, parsed?: unknown): boolean {
  if (!isRecord(parsed) || !Array.isArray(parsed.Transcript)) return false;
  if (typeof parsed.Version === "string" && /^(VOICE|CHAT)-/.test(parsed.Version)) return true;
  if (typeof parsed.ChatTranscriptVersion === "string") return true;
  return parsed.Transcript.some((entry) => isRecord(entry) && typeof entry.ParticipantId === "string");
}

export function parse(content: string, parsed?: unknown): ParsedTranscript {
  const analysis = readShape(contactLensSchema, jsonOf(content, parsed, expects), expects);
  const language = analysis.LanguageCode ? { language: analysis.LanguageCode } : {};
  if (isChat(analysis)) {
    const { pieces, durationMs } = chatPieces(analysis);
    const duration = durationMs !== undefined ? { durationMs } : {};
    return {
      format: "contact-lens",
      channel: "chat",
      turns: mergeConsecutive(pieces),
      ...duration,
      ...language,
    };
  }
  const speakerOf = speakerOfEntry(analysis);
  const pieces = analysis.Transcript.map((entry) => ({
    ...speakerOf(entry),
    text: entry.Content ?? "",
    startMs: entry.BeginOffsetMillis,
    endMs: entry.EndOffsetMillis,
  }));
  const durationMs = wholeMs(analysis.ConversationCharacteristics?.TotalConversationDurationMillis);
  const duration = durationMs !== undefined ? { durationMs } : {};
  return {
    format: "contact-lens",
    channel: "voice",
    turns: mergeConsecutive(pieces),
    ...duration,
    ...language,
  };
}

function isChat(analysis: ContactLensAnalysis): boolean {
  return (
    analysis.Channel?.toUpperCase() === "CHAT" ||
    analysis.Version?.startsWith("CHAT-") === true ||
    analysis.ChatTranscriptVersion !== undefined
  );
}

/**
 * A chat's messages, skipping its events (joined, left, ended) and non-text content (attachments,
 * interactive JSON). Messages carry wall-clock `AbsoluteTime`s: offsets count from the first entry,
 * when the chat began, and the duration runs to the last entry, when it ended.
 */
function chatPieces(analysis: ContactLensAnalysis): { pieces: Piece[]; durationMs?: number } {
  const times = analysis.Transcript.map((entry) => Date.parse(entry.AbsoluteTime ?? "")).filter(
    Number.isFinite,
  );
  const began = times[0];
  const offsetOf = (time: string | undefined) =>
    began === undefined ? undefined : wholeMs(Date.parse(time ?? "") - began);
  const speakerOf = speakerOfEntry(analysis);
  const pieces = analysis.Transcript.filter(
    (entry) =>
      (entry.Type === undefined || entry.Type === "MESSAGE") &&
      (entry.ContentType === undefined || entry.ContentType.startsWith("text/")),
  ).map((entry) => ({
    ...speakerOf(entry),
    text: entry.Content ?? "",
    startMs: entry.BeginOffsetMillis ?? offsetOf(entry.AbsoluteTime),
  }));
  const ended = times.at(-1);
  const durationMs = began === undefined || ended === undefined ? undefined : wholeMs(ended - began);
  return durationMs === undefined ? { pieces } : { pieces, durationMs };
}

/** A display name Contact Lens redacted (`[PII]`, `[NAME]`) says nothing about who is speaking. */
const REDACTED = /^\[[A-Z_]+\]$/;

/**
 * Who wrote or said an entry. The role is on the entry (chat) or on its participant (voice, where the
 * ParticipantId is often the role itself, `AGENT`). The speaker is the participant's display name unless
 * it is redacted or missing; then the role, so a redacted agent and customer stay two speakers.
 */
function speakerOfEntry(
  analysis: ContactLensAnalysis,
): (entry: ContactLensEntry) => Pick<Piece, "speaker" | "role"> {
  const participants = new Map((analysis.Participants ?? []).map((p) => [p.ParticipantId, p]));
  return (entry) => {
    const participant = entry.ParticipantId === undefined ? undefined : participants.get(entry.ParticipantId);
    const participantRole = entry.ParticipantRole ?? participant?.ParticipantRole ?? entry.ParticipantId;
    const name = entry.DisplayName ?? participant?.DisplayName;
    const role = roleOfParticipant(participantRole);
    const roleLabel = participantRole === undefined ? undefined : labelOfParticipant(participantRole);
    const speaker = name && !REDACTED.test(name) ? name : (roleLabel ?? UNIDENTIFIED_SPEAKER);
    return { speaker, role };
  };
}
