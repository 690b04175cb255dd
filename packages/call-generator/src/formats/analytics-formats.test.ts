import { describe, expect, test } from "vitest";
import { generateCalls } from "../generate-calls.ts";

type Segment = { BeginOffsetMillis: number; EndOffsetMillis: number; Content: string; Sentiment: string };

const increasing = (segments: ReadonlyArray<{ begin: number; end: number }>) =>
  segments.every((s, i) => s.end > s.begin && (i === 0 || s.begin >= (segments[i - 1]?.end ?? 0)));

describe("transcribe-call-analytics", () => {
  const files = generateCalls({ count: 25, seed: "tca", formats: ["transcribe-call-analytics"] }).map(
    (call) =>
      JSON.parse(call.content) as {
        JobStatus: string;
        Channel: string;
        LanguageCode: string;
        Transcript: Array<
          Segment & { ParticipantRole: string; Items: Array<{ Content: string; Type: string }> }
        >;
        ConversationCharacteristics: { TotalConversationDurationMillis: number };
      },
  );

  test("segments by role, in time order, their items spelling out the content", () => {
    for (const file of files) {
      expect(file).toMatchObject({ JobStatus: "COMPLETED", Channel: "VOICE", LanguageCode: "en-US" });
      expect(new Set(file.Transcript.map((s) => s.ParticipantRole))).toEqual(new Set(["AGENT", "CUSTOMER"]));
      expect(file.Transcript.every((s) => !("ParticipantId" in s))).toBe(true);
      expect(
        increasing(file.Transcript.map((s) => ({ begin: s.BeginOffsetMillis, end: s.EndOffsetMillis }))),
      ).toBe(true);
      for (const segment of file.Transcript) {
        const spelled = segment.Items.map((i) =>
          i.Type === "punctuation" ? i.Content : ` ${i.Content}`,
        ).join("");
        expect(spelled.trim()).toBe(segment.Content);
        expect(["POSITIVE", "NEUTRAL", "NEGATIVE"]).toContain(segment.Sentiment);
      }
      const last = file.Transcript.at(-1);
      expect(file.ConversationCharacteristics.TotalConversationDurationMillis).toBe(last?.EndOffsetMillis);
    }
  });
});

describe("contact-lens", () => {
  const calls = generateCalls({ count: 40, seed: "contact-lens", formats: ["contact-lens"] });

  test("voice: participants are their roles, and entries name one of them, in time order", () => {
    for (const call of calls.filter((c) => c.channel === "voice")) {
      const file = JSON.parse(call.content) as {
        Version: string;
        Transcript: Array<Segment & { ParticipantId: string }>;
      };
      expect(file.Version).toBe("VOICE-2022-11-30");
      expect(
        file.Transcript.every((s) => s.ParticipantId === "AGENT" || s.ParticipantId === "CUSTOMER"),
      ).toBe(true);
      expect(
        increasing(file.Transcript.map((s) => ({ begin: s.BeginOffsetMillis, end: s.EndOffsetMillis }))),
      ).toBe(true);
    }
  });

  test("chat: messages from listed participants, between join and end events, in clock order", () => {
    for (const call of calls.filter((c) => c.channel === "chat")) {
      const file = JSON.parse(call.content) as {
        Version: string;
        Participants: Array<{ ParticipantId: string; ParticipantRole: string; DisplayName: string }>;
        Transcript: Array<{
          AbsoluteTime: string;
          Type: string;
          ContentType: string;
          ParticipantId?: string;
        }>;
      };
      expect(file.Version).toBe("CHAT-2022-11-30");
      const ids = new Set(file.Participants.map((p) => p.ParticipantId));
      const messages = file.Transcript.filter((entry) => entry.Type === "MESSAGE");
      expect(messages.every((m) => ids.has(m.ParticipantId ?? "") && m.ContentType === "text/markdown")).toBe(
        true,
      );
      expect(file.Transcript[0]?.ContentType).toMatch(/participant\.joined$/);
      expect(file.Transcript.at(-1)?.ContentType).toMatch(/chat\.ended$/);
      const times = file.Transcript.map((entry) => Date.parse(entry.AbsoluteTime));
      expect(times.every((time, i) => i === 0 || time >= (times[i - 1] ?? 0))).toBe(true);
      expect(times[0]).toBe(Date.parse(call.startedAt));
    }
  });
});

describe("post-call-analytics", () => {
  test("speaker labels map both spk_N to Agent and Customer, either way round; segments in time order", () => {
    const agentLabels = new Set<string>();
    for (const call of generateCalls({ count: 25, seed: "pca", formats: ["post-call-analytics"] })) {
      const file = JSON.parse(call.content) as {
        ConversationAnalytics: {
          Duration: string;
          SpeakerLabels: Array<{ Speaker: string; DisplayText: string }>;
        };
        SpeechSegments: Array<{ SegmentStartTime: number; SegmentEndTime: number; SegmentSpeaker: string }>;
      };
      const labels = file.ConversationAnalytics.SpeakerLabels;
      expect(labels.map((l) => l.DisplayText).sort()).toEqual(["Agent", "Customer"]);
      agentLabels.add(labels.find((l) => l.DisplayText === "Agent")?.Speaker ?? "");
      const segments = file.SpeechSegments.map((s) => ({ begin: s.SegmentStartTime, end: s.SegmentEndTime }));
      expect(increasing(segments)).toBe(true);
      expect(Number(file.ConversationAnalytics.Duration)).toBeCloseTo(segments.at(-1)?.end ?? 0, 1);
    }
    expect(agentLabels).toEqual(new Set(["spk_0", "spk_1"]));
  });
});
