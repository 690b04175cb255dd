import type { Turn } from "@recap/shared";
import type { PiiType, RedactionCounts } from "./pii-match.ts";
import { redactPii } from "./redact-pii.ts";

/**
 * Redacts what every turn says and its stage directions (a note such as `reads out card number` may quote
 * one), returning new turns and the counts summed over all of them. The input turns are not changed.
 */
export function redactTurns(turns: readonly Turn[]): { turns: Turn[]; counts: RedactionCounts } {
  const counts: RedactionCounts = {};
  const redact = (text: string): string => {
    const result = redactPii(text);
    for (const [type, count] of Object.entries(result.counts) as [PiiType, number][]) {
      counts[type] = (counts[type] ?? 0) + count;
    }
    return result.text;
  };
  const redacted = turns.map((turn) =>
    turn.notes
      ? { ...turn, text: redact(turn.text), notes: turn.notes.map(redact) }
      : { ...turn, text: redact(turn.text) },
  );
  return { turns: redacted, counts };
}
