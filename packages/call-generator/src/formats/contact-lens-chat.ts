import { stretchesOf } from "../sentences.ts";
import { ACCOUNT_ID, overallSentiment, ROLES, uuidFrom } from "./analytics.ts";
import type { RenderedCall } from "./rendered-call.ts";

const JOINED = "application/vnd.amazonaws.connect.event.participant.joined";
const LEFT = "application/vnd.amazonaws.connect.event.participant.left";
const ENDED = "application/vnd.amazonaws.connect.event.chat.ended";

/**
 * The chat analysis file (`CHAT-2022-11-30`): participants with generated ids and display names, and
 * `Transcript[]` in wall-clock order: the customer joins, the agent joins, messages (a long turn now and
 * then sent as a message per sentence, as people type), the customer leaves, the chat ends.
 */
export function contactLensChat(call: RenderedCall): string {
  const id = (key: string) => uuidFrom(`${call.transcriptId}/${key}`);
  const people = {
    customer: {
      DisplayName: call.speakers.customer.split(" ")[0] ?? "Customer",
      ParticipantId: id("customer"),
    },
    agent: { DisplayName: call.speakers.agent, ParticipantId: id("agent") },
  };
  const at = (ms: number) => new Date(call.startedAt.getTime() + ms).toISOString();
  const event = (ms: number, type: string, who?: "agent" | "customer") => ({
    AbsoluteTime: at(ms),
    ContentType: type,
    ...(who
      ? {
          DisplayName: people[who].DisplayName,
          ParticipantId: people[who].ParticipantId,
          ParticipantRole: ROLES[who],
        }
      : {}),
    Id: id(`event/${type}/${ms}`),
    Type: "EVENT",
  });
  const messages = call.lines.flatMap((line, turn) => {
    const parts =
      line.words.length > 14 && call.random.chance(0.5)
        ? stretchesOf(line)
        : [{ text: line.text, endMs: line.endMs }];
    return parts.map((part, index) => ({
      AbsoluteTime: at(part.endMs),
      Content: part.text,
      ContentType: "text/markdown",
      DisplayName: people[line.speaker].DisplayName,
      Id: id(`message/${turn}/${index}`),
      ParticipantId: people[line.speaker].ParticipantId,
      ParticipantRole: ROLES[line.speaker],
      Type: "MESSAGE",
    }));
  });
  const firstMs = call.lines[0]?.startMs ?? 0;
  const lastMs = call.lines.at(-1)?.endMs ?? 0;
  return JSON.stringify({
    AccountId: ACCOUNT_ID,
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    Channel: "CHAT",
    ChatTranscriptVersion: "2019-08-26",
    ContentMetadata: { Output: "Raw" },
    ConversationCharacteristics: {
      Sentiment: {
        OverallSentiment: {
          AGENT: overallSentiment(call.lines, "agent"),
          CUSTOMER: overallSentiment(call.lines, "customer"),
        },
      },
    },
    CustomerMetadata: {
      ContactId: id("contact"),
      InputS3Uri: `s3://amazon-connect-transcripts/ChatTranscripts/${call.transcriptId}.json`,
      InstanceId: uuidFrom("recap-generated-instance"),
    },
    JobStatus: "COMPLETED",
    LanguageCode: "en-US",
    Participants: [
      { ...people.customer, ParticipantRole: "CUSTOMER" },
      { ...people.agent, ParticipantRole: "AGENT" },
    ],
    Transcript: [
      event(0, JOINED, "customer"),
      event(Math.max(10, firstMs - 1500), JOINED, "agent"),
      ...messages,
      event(lastMs + 2000, LEFT, "customer"),
      event(lastMs + 2400, ENDED),
    ],
    Version: "CHAT-2022-11-30",
  });
}
