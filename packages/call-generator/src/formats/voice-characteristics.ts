import type { TimedLine } from "../timeline.ts";
import { durationMs, overallSentiment, talkTimeMs, wordsPerMinute } from "./analytics.ts";
import type { RenderedCall } from "./rendered-call.ts";

/** Silence this long counts as non-talk time: holds, in these calls. */
const NON_TALK_MS = 10_000;

/** The figures Call Analytics and Contact Lens both give for a voice call, measured on its timeline. */
export function conversationCharacteristics(call: RenderedCall) {
  const agentMs = talkTimeMs(call.lines, "agent");
  const customerMs = talkTimeMs(call.lines, "customer");
  const silences = silencesOf(call.lines);
  return {
    TotalConversationDurationMillis: durationMs(call.lines),
    Sentiment: {
      OverallSentiment: {
        AGENT: overallSentiment(call.lines, "agent"),
        CUSTOMER: overallSentiment(call.lines, "customer"),
      },
    },
    Interruptions: { InterruptionsByInterrupter: {}, TotalCount: 0, TotalTimeMillis: 0 },
    NonTalkTime: {
      Instances: silences,
      TotalTimeMillis: silences.reduce((sum, s) => sum + s.DurationMillis, 0),
    },
    TalkSpeed: {
      DetailsByParticipant: {
        AGENT: { AverageWordsPerMinute: wordsPerMinute(call.lines, "agent") },
        CUSTOMER: { AverageWordsPerMinute: wordsPerMinute(call.lines, "customer") },
      },
    },
    TalkTime: {
      TotalTimeMillis: agentMs + customerMs,
      DetailsByParticipant: {
        AGENT: { TotalTimeMillis: agentMs },
        CUSTOMER: { TotalTimeMillis: customerMs },
      },
    },
  };
}

function silencesOf(lines: readonly TimedLine[]) {
  return lines.slice(1).flatMap((line, index) => {
    const before = lines[index];
    if (!before || line.startMs - before.endMs < NON_TALK_MS) return [];
    return [
      {
        BeginOffsetMillis: before.endMs,
        EndOffsetMillis: line.startMs,
        DurationMillis: line.startMs - before.endMs,
      },
    ];
  });
}
