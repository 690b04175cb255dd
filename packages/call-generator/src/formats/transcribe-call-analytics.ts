import { stretchesOf } from "../sentences.ts";
import { ACCOUNT_ID, confidence, loudness, ROLES, SENTIMENT_LABELS, uuidFrom } from "./analytics.ts";
import type { RenderedCall } from "./rendered-call.ts";
import { conversationCharacteristics } from "./voice-characteristics.ts";

/**
 * Amazon Transcribe Call Analytics output: `Transcript[]` with a segment per sentence, each naming its
 * ParticipantRole (AGENT or CUSTOMER, from the channel definitions), with word items, loudness and
 * sentiment; then the call's characteristics.
 */
export function transcribeCallAnalytics(call: RenderedCall): string {
  const transcript = call.lines.flatMap((line, turn) =>
    stretchesOf(line).map((sentence, index) => ({
      LoudnessScores: loudness(call.random, sentence.startMs, sentence.endMs, line.mood),
      Content: sentence.text,
      Items: sentence.words.flatMap((word) => [
        {
          Confidence: confidence(call.random),
          Content: word.word,
          BeginOffsetMillis: word.startMs,
          EndOffsetMillis: word.endMs,
          Type: "pronunciation",
        },
        ...[...word.punctuation].map((mark) => ({ Confidence: 0, Content: mark, Type: "punctuation" })),
      ]),
      Id: uuidFrom(`${call.transcriptId}/${turn}/${index}`),
      BeginOffsetMillis: sentence.startMs,
      EndOffsetMillis: sentence.endMs,
      Sentiment: SENTIMENT_LABELS[line.mood],
      ParticipantRole: ROLES[line.speaker],
    })),
  );
  return JSON.stringify({
    JobStatus: "COMPLETED",
    LanguageCode: "en-US",
    AccountId: ACCOUNT_ID,
    Channel: "VOICE",
    Transcript: transcript,
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    ConversationCharacteristics: conversationCharacteristics(call),
  });
}
