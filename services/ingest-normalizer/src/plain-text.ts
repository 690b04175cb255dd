import type { Role, Turn } from "@recap/shared";

const LABEL = /^\s*([A-Za-z{][A-Za-z0-9 .'_{}-]{0,40}?)\s*:\s*(.*)$/;
/** An anonymisation placeholder such as `{NAME}`: a label holding one is a redacted speaker name. */
const PLACEHOLDER = /\{[A-Z_]+\}/;
const STAGE_DIRECTION = /\*([^*\n]+)\*/g;
const MAX_LABEL_WORDS = 4;

const ROLE_WORDS: ReadonlyArray<[Role, RegExp]> = [
  [
    "agent",
    /\b(agent|representative|rep|advisor|adviser|associate|supervisor|manager|support|specialist|operator)\b/i,
  ],
  ["customer", /\b(customer|caller|client|user|member|patient|guest)\b/i],
  ["system", /\b(system|ivr|bot|recording|automated)\b/i],
];

export function roleOf(speaker: string): Role {
  return ROLE_WORDS.find(([, pattern]) => pattern.test(speaker))?.[0] ?? "other";
}

/**
 * Turns of a plain-text transcript written as `Speaker: words` lines. A label opens a turn when it names a
 * role (`Agent`, `Customer`, `Promotions Agent`), recurs as a label (`Jane:` twice) or holds an
 * anonymisation placeholder (`{NAME}:`), so a one-off `Total: $40` inside an agent's turn stays part of
 * that turn. Unlabelled lines continue the current turn.
 */
export function parsePlainText(text: string): Turn[] {
  const lines = text.split(/\r\n|\r|\n/);
  const labelCounts = new Map<string, number>();
  for (const line of lines) {
    const label = labelOf(line);
    if (label) labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
  }
  const opensTurn = (label: string) =>
    roleOf(label) !== "other" || (labelCounts.get(label) ?? 0) >= 2 || PLACEHOLDER.test(label);

  const drafts: Array<{ speaker: string; lines: string[] }> = [];
  for (const line of lines) {
    const label = labelOf(line);
    if (label && opensTurn(label)) {
      drafts.push({ speaker: label, lines: [line.slice(line.indexOf(":") + 1).trim()] });
    } else if (line.trim() !== "") {
      drafts.at(-1)?.lines.push(line.trim());
    }
  }
  return drafts.flatMap(({ speaker, lines: spoken }) => {
    const { text: said, notes } = splitStageDirections(spoken.filter(Boolean).join(" "));
    if (said === "") return [];
    return [{ role: roleOf(speaker), speaker, text: said, ...(notes.length > 0 ? { notes } : {}) }];
  });
}

function labelOf(line: string): string | undefined {
  const match = LABEL.exec(line);
  const label = match?.[1]?.trim();
  if (!label || label.split(/\s+/).length > MAX_LABEL_WORDS) return undefined;
  return label;
}

/** `*typing* Great, thanks` → text `Great, thanks`, notes `["typing"]`. */
export function splitStageDirections(text: string): { text: string; notes: string[] } {
  const notes = [...text.matchAll(STAGE_DIRECTION)].map((m) => (m[1] ?? "").trim()).filter(Boolean);
  const said = text.replace(STAGE_DIRECTION, " ").replace(/\s+/g, " ").trim();
  return { text: said, notes };
}
