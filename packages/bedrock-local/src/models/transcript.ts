export type SpeakerRole = "agent" | "customer" | "other";

export interface Turn {
  speaker: string;
  role: SpeakerRole;
  /** What was said, stage directions removed. */
  text: string;
  /** Stage directions such as `Anxiously` or `typing`: no speech, but they tell the mood. */
  cues: string[];
}

export interface FoundTranscript {
  turns: Turn[];
  /** The prompt around the transcript: where the instructions are. */
  instructions: string;
}

/** A `[00:01]` or `00:01` stamp opening a line. */
const TIME_STAMP = /^\s*(?:\[[^\]]{1,24}\]|\(?\d{1,2}:\d{2}(?::\d{2})?\)?)\s*/;
/** A speaker label: `Agent`, `Customer Support Agent`, `{NAME}`, `spk_0`, `speaker 1`. */
const LABEL = /^(?:[A-Z{][\w{}'.\- ]*|[a-z]+[_ ]?\d{1,2}|agent|customer|caller)$/;
const MAX_LABEL_LENGTH = 32;
const MAX_LABEL_WORDS = 4;
/** Unlabelled lines between two turns that still count as one transcript (paragraphs of a long turn). */
const MAX_GAP_LINES = 8;
const CARRIAGE_RETURN = /\r/g;
/** Markup wrapping a transcript in a prompt (`…text: <text>Agent: …</text>`): read as a line break. */
const TAG = /<\/?[A-Za-z_][\w-]{0,30}>/g;
const STAGE_DIRECTION = /\*([^*\n]{1,80})\*/g;
/** Runs of spaces left where directions were, and tabs: collapsed to single spaces. */
const SPACES = /\s{2,}|\t/g;
const AGENT_LABEL =
  /\b(agent|representative|rep|advisor|adviser|associate|supervisor|support|specialist|operator|manager|technician|csr)\b/i;
/** Diarization labels: `spk_0`, `Speaker 2`. */
const SPEAKER_NUMBER = /^(?:speaker|spk|participant)[_ ]?\d{1,2}$/i;
const CUSTOMER_LABEL = /\b(customer|caller|client|user|member|patient|guest|consumer)\b/i;

/**
 * Finds the transcript inside a prompt, whatever template wraps it: the longest run of `Speaker: text` lines with
 * at least two speakers. A label opens a turn when it names a role, numbers a speaker (`spk_1`) or recurs
 * (`Jane:` twice), so a one-off `Total: $40` or `Note: answer in JSON` is not a speaker. Unlabelled lines
 * between turns continue the turn before; lines before the first turn and after the last are the instructions.
 */
export function findTranscript(text: string): FoundTranscript | undefined {
  const lines = text.replace(CARRIAGE_RETURN, "").replace(TAG, "\n").split("\n");
  const labels = lines.map(labelOf);
  const labelCounts = new Map<string, number>();
  for (const label of labels)
    if (label) labelCounts.set(label.speaker, (labelCounts.get(label.speaker) ?? 0) + 1);
  const opensTurn = (i: number) => {
    const label = labels[i];
    if (!label) return false;
    return (
      roleOfLabel(label.speaker) !== "other" ||
      SPEAKER_NUMBER.test(label.speaker) ||
      (labelCounts.get(label.speaker) ?? 0) >= 2
    );
  };

  const run = longestTurnRun(lines, opensTurn);
  if (!run) return undefined;
  const drafts: Array<{ speaker: string; parts: string[] }> = [];
  for (let i = run.first; i <= run.last; i++) {
    const label = labels[i];
    if (label && opensTurn(i)) drafts.push({ speaker: label.speaker, parts: [label.said] });
    else if (lines[i]?.trim()) drafts.at(-1)?.parts.push(lines[i] ?? "");
  }
  if (new Set(drafts.map((d) => d.speaker)).size < 2) return undefined;

  const roles = assignRoles(drafts.map((d) => d.speaker));
  const turns = drafts.map(({ speaker, parts }) => ({
    speaker,
    role: roles.get(speaker) ?? "other",
    ...splitStageDirections(parts.join(" ")),
  }));
  const instructions = [...lines.slice(0, run.first), ...lines.slice(run.last + 1)].join("\n").trim();
  return { turns, instructions };
}

/** `*Anxiously* Hello, I'm calling…` → text `Hello, I'm calling…`, cues `["Anxiously"]`. */
export function splitStageDirections(said: string): { text: string; cues: string[] } {
  const cues: string[] = [];
  const text = said.includes("*")
    ? said.replace(STAGE_DIRECTION, (_, cue: string) => {
        cues.push(cue.trim());
        return " ";
      })
    : said;
  const spaced = text.includes("  ") || text.includes("\t");
  return { text: (spaced ? text.replace(SPACES, " ") : text).trim(), cues };
}

/**
 * `Agent: text` (after any time stamp) → speaker `Agent`, said `text`. Looked for by hand: the first colon,
 * a short label before it, speech after it; a pattern over the whole line was slower on long turns.
 */
function labelOf(line: string): { speaker: string; said: string } | undefined {
  const first = line.charCodeAt(0);
  const stamp = first === 91 || first === 40 || (first >= 48 && first <= 57) ? TIME_STAMP.exec(line) : null;
  const from = stamp ? stamp[0].length : 0;
  const colon = line.indexOf(":", from);
  if (colon < 0 || colon - from > MAX_LABEL_LENGTH || line.charCodeAt(colon + 1) !== 32) return undefined;
  const speaker = line.slice(from, colon).trim();
  const said = line.slice(colon + 2).trim();
  if (!said || !LABEL.test(speaker) || speaker.split(" ").length > MAX_LABEL_WORDS) return undefined;
  return { speaker, said };
}

function roleOfLabel(speaker: string): SpeakerRole {
  if (CUSTOMER_LABEL.test(speaker)) return "customer";
  if (AGENT_LABEL.test(speaker)) return "agent";
  return "other";
}

function longestTurnRun(
  lines: readonly string[],
  opensTurn: (i: number) => boolean,
): { first: number; last: number } | undefined {
  let best: { first: number; last: number; turns: number } | undefined;
  let current: { first: number; last: number; turns: number } | undefined;
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    if (opensTurn(i)) {
      if (current && gap <= MAX_GAP_LINES) {
        current.last = i;
        current.turns++;
      } else {
        current = { first: i, last: i, turns: 1 };
      }
      gap = 0;
      if (!best || current.turns > best.turns) best = current;
    } else if (lines[i]?.trim()) {
      gap++;
    }
  }
  return best && best.turns >= 2 ? best : undefined;
}

/**
 * Roles from the labels; when labels do not say (`Speaker 1`, `Jane`), the busiest unnamed speaker takes the
 * missing role, and with no role named at all the first speaker is taken for the agent, who usually opens a call.
 */
function assignRoles(speakers: readonly string[]): Map<string, SpeakerRole> {
  const roles = new Map<string, SpeakerRole>();
  const turnCounts = new Map<string, number>();
  for (const speaker of speakers) {
    roles.set(speaker, roleOfLabel(speaker));
    turnCounts.set(speaker, (turnCounts.get(speaker) ?? 0) + 1);
  }
  const named = new Set(roles.values());
  const unnamedByTurns = () =>
    [...roles.keys()]
      .filter((s) => roles.get(s) === "other")
      .sort((a, b) => (turnCounts.get(b) ?? 0) - (turnCounts.get(a) ?? 0));
  if (!named.has("agent") && !named.has("customer")) {
    const [first, second] = [...roles.keys()];
    if (first) roles.set(first, "agent");
    if (second) roles.set(second, "customer");
  } else if (!named.has("customer")) {
    const busiest = unnamedByTurns()[0];
    if (busiest) roles.set(busiest, "customer");
  } else if (!named.has("agent")) {
    const busiest = unnamedByTurns()[0];
    if (busiest) roles.set(busiest, "agent");
  }
  return roles;
}
