import type { CanonicalTranscript } from "../transcript.ts";

/** A canonical transcript as the model reads it: one `Speaker: words` line per turn. */
export function renderTurns(transcript: Pick<CanonicalTranscript, "turns">): string {
  return transcript.turns.map((turn) => `${turn.speaker}: ${turn.text}`).join("\n");
}
