import type { Role, Turn } from "@recap/shared";

/** The speaker of words whose source names nobody (Transcribe without diarization, unlabelled captions). */
export const UNIDENTIFIED_SPEAKER = "unidentified";

/** A stretch of speech by one speaker: a sentence, a message, a caption line. Turns are made of these. */
export type Piece = { speaker: string; role: Role; text: string; startMs?: number; endMs?: number };

/** `"4.87"` or `4.87` seconds → 4870 ms; anything not a non-negative number → undefined. */
export function secondsToMs(value: string | number | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

/** A whole, non-negative millisecond offset, or undefined: the canonical schema takes nothing else. */
export function wholeMs(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** The turn a piece makes on its own: whitespace collapsed, times whole; undefined when nothing was said. */
export function turnOf(piece: Piece): Turn | undefined {
  const text = piece.text.replace(/\s+/g, " ").trim();
  if (text === "") return undefined;
  const startMs = wholeMs(piece.startMs);
  const endMs = wholeMs(piece.endMs);
  return {
    role: piece.role,
    speaker: piece.speaker,
    text,
    ...(startMs !== undefined ? { startMs } : {}),
    ...(endMs !== undefined ? { endMs } : {}),
  };
}

/**
 * Turns from pieces in spoken order: consecutive pieces of one speaker form one turn, because a summary
 * reads who said what, not how a recognizer or a chat client happened to split it. Empty pieces vanish.
 */
export function mergeConsecutive(pieces: readonly Piece[]): Turn[] {
  const turns: Turn[] = [];
  for (const piece of pieces) {
    const turn = turnOf(piece);
    const last = turns.at(-1);
    if (!turn) continue;
    if (!last || last.speaker !== turn.speaker || last.role !== turn.role) {
      turns.push(turn);
      continue;
    }
    last.text = `${last.text} ${turn.text}`;
    if (last.startMs === undefined && turn.startMs !== undefined) last.startMs = turn.startMs;
    if (turn.endMs !== undefined) last.endMs = Math.max(turn.endMs, last.endMs ?? 0);
  }
  return turns;
}
