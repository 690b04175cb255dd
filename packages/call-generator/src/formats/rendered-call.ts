import type { CallFormat } from "../call-types.ts";
import type { Random } from "../random.ts";
import type { TimedLine } from "../timeline.ts";

/** What every serializer is given: one timed conversation and the facts around it. */
export type RenderedCall = {
  transcriptId: string;
  channel: "voice" | "chat";
  lines: TimedLine[];
  speakers: { agent: string; customer: string };
  startedAt: Date;
  /** For the details a real system would measure (confidence, loudness); seeded like the rest. */
  random: Random;
};

export type Serializer = (call: RenderedCall) => string;

/** The file name extension each format is usually saved with. */
export const EXTENSIONS: Readonly<Record<CallFormat, string>> = {
  "plain-text": ".txt",
  "json-turns": ".json",
  transcribe: ".json",
  "transcribe-call-analytics": ".json",
  "contact-lens": ".json",
  "post-call-analytics": ".json",
  webvtt: ".vtt",
  srt: ".srt",
};
