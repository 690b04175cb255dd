import type { Mood, Speaker } from "../call-types.ts";
import { stretchesOf } from "../sentences.ts";
import { confidence, durationMs, loudness, SENTIMENT_SCORES, talkTimeMs, uuidFrom } from "./analytics.ts";
import type { RenderedCall } from "./rendered-call.ts";

const secs = (ms: number) => Number((ms / 1000).toFixed(3));
/** `2025-03-04 13:35:14.215000`: the solution's own timestamp style. */
const stamp = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 23)}000`;

/**
 * The parsed output of the aws-samples post-call-analytics solution: `SpeechSegments[]` per sentence
 * with word confidences and sentiment, and `ConversationAnalytics.SpeakerLabels` saying which `spk_N` is
 * the agent. Which one it is depends on the channel the deployment records the agent on, so it varies.
 */
export function postCallAnalytics(call: RenderedCall): string {
  const agentFirst = call.random.chance(0.5);
  const labelOf = (speaker: Speaker) => ((speaker === "agent") === agentFirst ? "spk_0" : "spk_1");
  const segments = call.lines.flatMap((line) =>
    stretchesOf(line).map((sentence) => {
      const score = SENTIMENT_SCORES[line.mood];
      return {
        SegmentStartTime: secs(sentence.startMs),
        SegmentEndTime: secs(sentence.endMs),
        SegmentSpeaker: labelOf(line.speaker),
        SegmentInterruption: false,
        OriginalText: sentence.text,
        DisplayText: sentence.text,
        TextEdited: 0,
        LoudnessScores: loudness(call.random, sentence.startMs, sentence.endMs, line.mood),
        SentimentIsPositive: score > 0 ? 1 : 0,
        SentimentIsNegative: score < 0 ? 1 : 0,
        SentimentScore: score,
        BaseSentimentScores: baseScores(line.mood),
        EntitiesDetected: [],
        CategoriesDetected: [],
        FollowOnCategories: [],
        IssuesDetected: [],
        WordConfidence: sentence.words.map((word, index) => ({
          Text: `${index === 0 ? "" : " "}${word.word}${word.punctuation}`,
          Confidence: confidence(call.random),
          StartTime: secs(word.startMs),
          EndTime: secs(word.endMs),
        })),
      };
    }),
  );
  const ended = new Date(call.startedAt.getTime() + durationMs(call.lines));
  const jobName = `${call.transcriptId}.wav`;
  return JSON.stringify({
    ConversationAnalytics: {
      GUID: uuidFrom(`${call.transcriptId}/guid`),
      Agent: call.speakers.agent,
      ConversationTime: stamp(call.startedAt),
      ConversationLocation: "America/New_York",
      ProcessTime: stamp(ended),
      LanguageCode: "en-US",
      Duration: (durationMs(call.lines) / 1000).toFixed(2),
      SpeakerLabels: [
        { Speaker: "spk_0", DisplayText: agentFirst ? "Agent" : "Customer" },
        { Speaker: "spk_1", DisplayText: agentFirst ? "Customer" : "Agent" },
      ],
      SpeakerTime: {
        [labelOf("agent")]: { TotalTimeSecs: secs(talkTimeMs(call.lines, "agent")) },
        [labelOf("customer")]: { TotalTimeSecs: secs(talkTimeMs(call.lines, "customer")) },
        NonTalkTime: { Instances: [], TotalTimeSecs: 0 },
      },
      CategoriesDetected: [],
      IssuesDetected: [],
      CustomEntities: [],
      SourceInformation: [
        {
          TranscribeJobInfo: {
            TranscribeApiType: "analytics",
            CompletionTime: `${stamp(ended)}+00:00`,
            MediaFormat: "wav",
            MediaSampleRateHertz: 8000,
            MediaOriginalUri: `s3://postcallanalytics-inputbucket/originalAudio/${jobName}`,
            MediaFileUri: `s3://postcallanalytics-inputbucket/originalAudio/${jobName}`,
            TranscriptionJobName: jobName,
            ChannelIdentification: 1,
          },
        },
      ],
    },
    SpeechSegments: segments,
  });
}

function baseScores(mood: Mood) {
  if (mood === "positive") return { Positive: 0.92, Negative: 0.01, Neutral: 0.07 };
  if (mood === "negative") return { Positive: 0.02, Negative: 0.88, Neutral: 0.1 };
  return { Positive: 0.05, Negative: 0.03, Neutral: 0.92 };
}
