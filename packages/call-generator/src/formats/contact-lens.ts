import { stretchesOf } from "../sentences.ts";
import { ACCOUNT_ID, loudness, ROLES, SENTIMENT_LABELS, uuidFrom } from "./analytics.ts";
import { contactLensChat } from "./contact-lens-chat.ts";
import type { RenderedCall } from "./rendered-call.ts";
import { conversationCharacteristics } from "./voice-characteristics.ts";

/** Amazon Connect Contact Lens analysis: the chat file for a chat contact, the voice file otherwise. */
export function contactLens(call: RenderedCall): string {
  return call.channel === "chat" ? contactLensChat(call) : contactLensVoice(call);
}

/**
 * The voice analysis file (`VOICE-2022-11-30`): participants whose ids are their roles, and
 * `Transcript[]` with an entry per sentence naming its ParticipantId.
 */
function contactLensVoice(call: RenderedCall): string {
  const transcript = call.lines.flatMap((line, turn) =>
    stretchesOf(line).map((sentence, index) => ({
      BeginOffsetMillis: sentence.startMs,
      Content: sentence.text,
      EndOffsetMillis: sentence.endMs,
      Id: uuidFrom(`${call.transcriptId}/${turn}/${index}`),
      ParticipantId: ROLES[line.speaker],
      Sentiment: SENTIMENT_LABELS[line.mood],
      LoudnessScore: loudness(call.random, sentence.startMs, sentence.endMs, line.mood),
    })),
  );
  return JSON.stringify({
    Version: "VOICE-2022-11-30",
    AccountId: ACCOUNT_ID,
    Channel: "VOICE",
    ContentMetadata: { Output: "Raw" },
    JobStatus: "COMPLETED",
    LanguageCode: "en-US",
    Participants: [
      { ParticipantId: "CUSTOMER", ParticipantRole: "CUSTOMER" },
      { ParticipantId: "AGENT", ParticipantRole: "AGENT" },
    ],
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    ConversationCharacteristics: conversationCharacteristics(call),
    CustomModels: [],
    Transcript: transcript,
  });
}
