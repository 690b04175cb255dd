import type { Turn } from "@recap/shared";
import { roleOf, SPEAKER_COLON, SPEAKER_NAME } from "../plain-text.ts";
import type { Cue } from "./caption-cues.ts";
import { mergeConsecutive, type Piece, UNIDENTIFIED_SPEAKER } from "./turns.ts";

/** `<v Jane>` or `<v.loud Jane>`: WebVTT's voice span, the one unambiguous speaker mark in captions. */
const VOICE_TAG = /<v(?:\.[^\s>]*)?\s+([^>]*)>/;
const ANY_TAG = /<[^>]*>/g;
/** `Jane: words`, `[Jane] words`, optionally after a dialogue mark (`- `, `>> `). */
const LABEL = new RegExp(
  String.raw`^(?:-|>>)?\s*(?:\[([^\]]{1,40})\]|(${SPEAKER_NAME})\s*${SPEAKER_COLON})\s*(\S.*)$`,
  "u",
);
const DIALOGUE_MARK = /^(?:-|>>)\s*/;
const MAX_LABEL_WORDS = 4;
const ENTITIES: Readonly<Record<string, string>> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&nbsp;": " ",
  "&lrm;": "",
  "&rlm;": "",
};

type Label = { name: string; bracketed: boolean; rest: string };
type Line = { voice?: string; label?: Label; text: string; cue: Cue };

/**
 * Turns from caption cues. A line's speaker is its `<v Name>` voice span, else a `Name:` or `[Name]`
 * prefix, which counts only when it names a role (`Agent:`) or recurs in the file (`Jane:` twice), so
 * a one-off `Note: ...` stays speech; a bracket must also be capitalised, since `[laughs]` and `[music]`
 * are sound cues. A line with no speaker continues the last one; before any, the speaker is unidentified.
 * Consecutive lines of one speaker, across cues, form one turn.
 */
export function captionTurns(cues: readonly Cue[]): Turn[] {
  const lines = cues.flatMap(linesOf);
  const counts = new Map<string, number>();
  for (const { label } of lines) if (label) counts.set(label.name, (counts.get(label.name) ?? 0) + 1);
  const isSpeaker = ({ name, bracketed }: Label) =>
    roleOf(name) !== "other" || ((counts.get(name) ?? 0) >= 2 && (!bracketed || /^[A-Z]/.test(name)));

  let current = UNIDENTIFIED_SPEAKER;
  const pieces = lines.map((line): Piece => {
    let text = line.text;
    if (line.voice) current = line.voice;
    else if (line.label && isSpeaker(line.label)) {
      current = line.label.name;
      text = line.label.rest;
    }
    return {
      speaker: current,
      role: roleOf(current),
      text: text.replace(DIALOGUE_MARK, ""),
      startMs: line.cue.startMs,
      endMs: line.cue.endMs,
    };
  });
  return mergeConsecutive(pieces);
}

/** A cue's lines, split again wherever a voice span opens, with tags and entities resolved to text. */
function linesOf(cue: Cue): Line[] {
  return cue.lines.flatMap((raw) => {
    const parts = raw.split(VOICE_TAG);
    // split() with a capture group alternates text and voice names: [before, name, after, name, after…]
    const spans: Line[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const text = decode((parts[i] ?? "").replace(ANY_TAG, "")).trim();
      const voice = i === 0 ? undefined : (parts[i - 1] ?? "").trim() || undefined;
      if (text !== "") spans.push({ ...(voice ? { voice } : labelOf(text)), text, cue });
    }
    return spans;
  });
}

function labelOf(text: string): { label?: Label } {
  const match = LABEL.exec(text);
  const name = (match?.[1] ?? match?.[2])?.replace(/\p{Cf}/gu, "").trim();
  if (!match || !name || name.split(/\s+/).length > MAX_LABEL_WORDS) return {};
  return { label: { name, bracketed: match[1] !== undefined, rest: match[3] ?? "" } };
}

function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|nbsp|lrm|rlm);/g, (entity) => ENTITIES[entity] ?? entity);
}
