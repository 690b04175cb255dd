import type { GeneratedCall } from "../call-types.ts";
import type { Random } from "../random.ts";

const NOTES: Readonly<Record<GeneratedCall["truth"]["intent"], string>> = {
  "billing-dispute": "a charge on the latest bill",
  "password-reset": "getting back into the online account",
  "order-problem": "a recent order",
  cancellation: "cancelling the subscription",
  "address-change": "a change of address",
  "technical-support": "a fault with the service",
};

/**
 * Content in the call's format that holds no speech: an agent's notes instead of a transcript, lines of
 * stage directions only, a recognizer's output for silence, a chat the customer left before an agent
 * joined, captions with no words.
 */
export function noSpeechContent(call: GeneratedCall, random: Random): string {
  const silence = {
    transcripts: [{ transcript: "" }],
    speaker_labels: { speakers: 0, segments: [] },
    items: [],
  };
  switch (call.format) {
    case "plain-text":
      return random.chance(0.5)
        ? `Call notes\n\nThe caller asked about ${NOTES[call.truth.intent]}. The recording failed, so there is no transcript.\n`
        : "Agent: *hold music*\nCustomer: *silence*\nAgent: *line disconnected*\n";
    case "json-turns":
      return JSON.stringify([
        { speaker: "Agent", text: "", start: 0.5, end: 3.1 },
        { speaker: "Customer", text: " ", start: 3.4, end: 6.2 },
      ]);
    case "transcribe":
      return JSON.stringify({ jobName: `recap-${call.transcriptId}`, results: silence, status: "COMPLETED" });
    case "transcribe-call-analytics":
      return JSON.stringify({
        JobStatus: "COMPLETED",
        LanguageCode: "en-US",
        Channel: "VOICE",
        Transcript: [],
      });
    case "contact-lens":
      return call.channel === "chat"
        ? abandonedChat(call)
        : JSON.stringify({
            Version: "VOICE-2022-11-30",
            Channel: "VOICE",
            JobStatus: "COMPLETED",
            Transcript: [],
          });
    case "post-call-analytics":
      return JSON.stringify({
        ConversationAnalytics: { LanguageCode: "en-US", Duration: "41.20" },
        SpeechSegments: [],
      });
    case "webvtt":
      return "WEBVTT\n\nNOTE The recording holds no speech.\n";
    case "srt":
      return "1\n00:00:00,500 --> 00:00:04,000\n\n2\n00:00:04,500 --> 00:00:09,000\n";
  }
}

/** A customer who opened a chat and left before an agent joined: events, no messages. */
function abandonedChat(call: GeneratedCall): string {
  const began = Date.parse(call.startedAt);
  const at = (seconds: number) => new Date(began + seconds * 1000).toISOString();
  const customer = { DisplayName: call.truth.speakers.customer.split(" ")[0], ParticipantRole: "CUSTOMER" };
  const event = (seconds: number, type: string) => ({
    AbsoluteTime: at(seconds),
    ContentType: `application/vnd.amazonaws.connect.event.${type}`,
    ...(type === "chat.ended" ? {} : { ...customer, ParticipantId: "c0ffee00-0000-4000-a000-000000000001" }),
    Type: "EVENT",
  });
  return JSON.stringify({
    Version: "CHAT-2022-11-30",
    Channel: "CHAT",
    JobStatus: "COMPLETED",
    LanguageCode: "en-US",
    Participants: [{ ...customer, ParticipantId: "c0ffee00-0000-4000-a000-000000000001" }],
    Transcript: [event(0, "participant.joined"), event(95, "participant.left"), event(96, "chat.ended")],
  });
}
