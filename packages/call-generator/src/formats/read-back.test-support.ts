import type { CallFormat, Speaker } from "../call-types.ts";

/*
 * Minimal readers for the tests: each format's file read back into turns by its own structure, so the
 * tests can check that every format carries the same conversation. Not a normalizer; they trust the shape.
 */

type Turn = { speaker: Speaker; text: string };
type Piece = Turn;

/** Cues or segments of one speaker in a row are one turn, as the normalizer reads them. */
function merged(pieces: readonly Piece[]): Turn[] {
  const turns: Turn[] = [];
  for (const piece of pieces) {
    const last = turns.at(-1);
    if (last?.speaker === piece.speaker) last.text = `${last.text} ${piece.text}`;
    else turns.push({ ...piece });
  }
  return turns;
}

const roleOf = (label: string): Speaker => (/agent/i.test(label) ? "agent" : "customer");

type Cue = { start: string; end: string; lines: string[] };

/** WebVTT or SRT cues: blocks with a `-->` timing line, the text lines after it. */
export function cuesOf(content: string): Cue[] {
  return content.split(/\n\n+/).flatMap((block) => {
    const lines = block.split("\n").filter((line) => line !== "");
    const at = lines.findIndex((line) => line.includes("-->"));
    const [start = "", end = ""] = (lines[at] ?? "").split(" --> ");
    return at < 0 ? [] : [{ start, end, lines: lines.slice(at + 1) }];
  });
}

type TranscribeFile = {
  results: {
    items: Array<{ type: string; speaker_label: string; alternatives: Array<{ content: string }> }>;
  };
};
type AnalyticsFile = {
  Transcript: Array<{ ParticipantRole?: string; ParticipantId?: string; Content?: string; Type?: string }>;
};
type PostCallFile = {
  ConversationAnalytics: { SpeakerLabels: Array<{ Speaker: string; DisplayText: string }> };
  SpeechSegments: Array<{ SegmentSpeaker: string; DisplayText: string }>;
};

const READERS: Record<CallFormat, (content: string) => Piece[]> = {
  "plain-text": (content) =>
    content
      .split(/\r?\n/)
      .filter((line) => line !== "")
      .map((line) => {
        const [, label = "", text = ""] = /^(Agent|Customer): (?:\*[^*]+\* )*(.*)$/.exec(line) ?? [];
        return { speaker: roleOf(label), text };
      }),
  "json-turns": (content) =>
    (JSON.parse(content) as Array<{ speaker: string; text: string }>).map((turn) => ({
      speaker: roleOf(turn.speaker),
      text: turn.text,
    })),
  transcribe: (content) => {
    const pieces: Piece[] = [];
    for (const item of (JSON.parse(content) as TranscribeFile).results.items) {
      const word = item.alternatives[0]?.content ?? "";
      const last = pieces.at(-1);
      const speaker = item.speaker_label === "spk_0" ? "agent" : "customer";
      if (item.type === "punctuation" && last) last.text += word;
      else pieces.push({ speaker, text: word });
    }
    return pieces;
  },
  "transcribe-call-analytics": (content) =>
    (JSON.parse(content) as AnalyticsFile).Transcript.map((segment) => ({
      speaker: roleOf(segment.ParticipantRole ?? ""),
      text: segment.Content ?? "",
    })),
  "contact-lens": (content) =>
    (JSON.parse(content) as AnalyticsFile).Transcript.filter((entry) => entry.Type !== "EVENT").map(
      (entry) => ({
        speaker: roleOf(entry.ParticipantRole ?? entry.ParticipantId ?? ""),
        text: entry.Content ?? "",
      }),
    ),
  "post-call-analytics": (content) => {
    const output = JSON.parse(content) as PostCallFile;
    const labels = new Map(output.ConversationAnalytics.SpeakerLabels.map((l) => [l.Speaker, l.DisplayText]));
    return output.SpeechSegments.map((segment) => ({
      speaker: roleOf(labels.get(segment.SegmentSpeaker) ?? ""),
      text: segment.DisplayText,
    }));
  },
  webvtt: (content) =>
    cuesOf(content).map((cue) => {
      const [, voice = "", first = ""] = /^<v ([^>]+)>(.*)$/.exec(cue.lines[0] ?? "") ?? [];
      const text = [first, ...cue.lines.slice(1)].join(" ").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      return { speaker: roleOf(voice), text: text.replace(/&amp;/g, "&") };
    }),
  srt: (content) =>
    cuesOf(content).map((cue) => {
      const [, label = "", first = ""] = /^(Agent|Customer): (.*)$/.exec(cue.lines[0] ?? "") ?? [];
      return { speaker: roleOf(label), text: [first, ...cue.lines.slice(1)].join(" ") };
    }),
};

/** The turns a file in `format` holds. */
export const turnsOf = (format: CallFormat, content: string): Turn[] => merged(READERS[format](content));
