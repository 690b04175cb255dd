import type { RenderedCall } from "./rendered-call.ts";

const LABELS = { agent: "Agent", customer: "Customer" } as const;

/**
 * `Agent: …` / `Customer: …`, a line per turn, stage directions in asterisks before the words
 * (`Customer: *sighs* …`). Some files have Windows line endings, as exports from Windows tools do.
 */
export function plainText(call: RenderedCall): string {
  const newline = call.random.chance(0.2) ? "\r\n" : "\n";
  const lines = call.lines.map((line) => {
    const notes = (line.notes ?? []).map((note) => `*${note}* `).join("");
    return `${LABELS[line.speaker]}: ${notes}${line.text}`;
  });
  return lines.join(newline) + newline;
}
