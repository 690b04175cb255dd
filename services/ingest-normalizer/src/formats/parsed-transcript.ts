import type { TranscriptFormat, Turn } from "@recap/shared";

/** A format a transcript can actually be in; `auto` only asks the registry to find out which. */
export type SourceFormat = Exclude<TranscriptFormat, "auto">;

/** What a format parser reads out of a transcript: the turns, and what the source says about the call. */
export type ParsedTranscript = {
  format: SourceFormat;
  turns: Turn[];
  channel?: "voice" | "chat";
  durationMs?: number;
  language?: string;
};

/** What every format module exports, so the registry can hold them side by side. */
export type FormatModule = {
  /** What content in this format looks like, in words a producer can check their file against. */
  expects: string;
  /** Cheap and specific: looks at the signature of the format, never parses it all. */
  detect(content: string, parsed?: unknown): boolean;
  parse(content: string, parsed?: unknown): ParsedTranscript;
};
