import { type RejectionCode, type TranscriptFormat, transcriptFormatSchema } from "@recap/shared";

/** A format a call can be written in; `auto` only asks the normalizer to find out. */
export type CallFormat = Exclude<TranscriptFormat, "auto">;

/** Every format the normalizer reads, from the shared schema, so a new format cannot be missed here. */
export const CALL_FORMATS: readonly CallFormat[] = transcriptFormatSchema.options.filter(
  (format): format is CallFormat => format !== "auto",
);

export const INTENTS = [
  "billing-dispute",
  "password-reset",
  "order-problem",
  "cancellation",
  "address-change",
  "technical-support",
] as const;
export type Intent = (typeof INTENTS)[number];

export const RESOLUTIONS = ["resolved", "unresolved", "escalated"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export type Tone = "calm" | "angry";
export type Sentiment = "positive" | "neutral" | "negative" | "mixed";
/** The kinds of personal data a call may hold, as the normalizer's redaction names them. */
export type PiiType = "email" | "phone" | "card" | "address";

/** How one turn sounds, for the analytics formats that label sentiment turn by turn. */
export type Mood = "positive" | "neutral" | "negative";
export type Speaker = "agent" | "customer";

/** The stage direction that marks a hold: the timeline leaves the silence of one before that turn. */
export const HOLD_NOTE = "hold music";

/** One turn of the conversation, before any format: who, what, and stage directions such as `typing`. */
export type Line = { speaker: Speaker; text: string; mood: Mood; notes?: string[] };

/** What the call is really about: the answers a summary should give. */
export type GroundTruth = {
  intent: Intent;
  /** The case in a sentence, e.g. "Charged twice for the March bill ($45.20)". */
  issue: string;
  resolution: Resolution;
  tone: Tone;
  sentiment: Sentiment;
  actionItems: string[];
  /** Speech turns the content holds (0 when it holds none): agent and customer alternate, one turn each. */
  turns: number;
  /** The people's names as said in the call; each format labels them its own way (`Agent`, `spk_0`, …). */
  speakers: { agent: string; customer: string };
  pii: PiiType[];
  /** Set on a deliberately broken call: the code the normalizer must reject it with. */
  expectedRejection?: RejectionCode;
};

/** How a broken `invalid-event` call's envelope is wrong. */
export type EventDefect =
  | "missing-transcript-id"
  | "malformed-transcript-id"
  | "content-not-text"
  | "unknown-format-name"
  | "metadata-not-text";

export type GeneratedCall = {
  transcriptId: string;
  /** The format the content is written in (for a broken call, the one it was meant to be in). */
  format: CallFormat;
  channel: "voice" | "chat";
  /** Whether the submitted event names the format; otherwise the normalizer detects it. */
  declaresFormat: boolean;
  content: string;
  /** When the call started (ISO 8601); the submitted event is stamped with when it ended. */
  startedAt: string;
  endedAt: string;
  metadata: Record<string, string>;
  truth: GroundTruth;
  eventDefect?: EventDefect;
};
