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
const MAX_DIRECTION_LENGTH = 80;
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
  const unwrapped = text.includes("\r") ? text.replace(CARRIAGE_RETURN, "") : text;
  const lines = (unwrapped.includes("<") ? unwrapped.replace(TAG, "\n") : unwrapped).split("\n");
  // A call has a handful of speakers over many turns: each label is matched against the patterns once.
  const isLabel = memoized(
    (speaker: string) => LABEL.test(speaker) && speaker.split(" ").length <= MAX_LABEL_WORDS,
  );
  const labels = lines.map((line) => labelOf(line, isLabel));
  const labelCounts = new Map<string, number>();
  for (const label of labels)
    if (label) labelCounts.set(label.speaker, (labelCounts.get(label.speaker) ?? 0) + 1);
  const roleOf = memoized(roleOfLabel);
  const numbersSpeaker = memoized((speaker: string) => SPEAKER_NUMBER.test(speaker));
  const opensTurn = labels.map(
    (label) =>
      label !== undefined &&
      (roleOf(label.speaker) !== "other" ||
        numbersSpeaker(label.speaker) ||
        (labelCounts.get(label.speaker) ?? 0) >= 2),
  );

  const run = longestTurnRun(lines, opensTurn);
  if (!run) return undefined;
  const drafts: Array<{ speaker: string; parts: string[] }> = [];
  for (let i = run.first; i <= run.last; i++) {
    const label = labels[i];
    if (label && opensTurn[i]) drafts.push({ speaker: label.speaker, parts: [label.said] });
    else if (lines[i]?.trim()) drafts.at(-1)?.parts.push(lines[i] ?? "");
  }
  if (new Set(drafts.map((d) => d.speaker)).size < 2) return undefined;

  const roles = assignRoles(
    drafts.map((d) => d.speaker),
    roleOf,
  );
  const turns = drafts.map(({ speaker, parts }): Turn => {
    const { text, cues } = splitStageDirections(parts.join(" "));
    return { speaker, role: roles.get(speaker) ?? "other", text, cues };
  });
  const instructions = [...lines.slice(0, run.first), ...lines.slice(run.last + 1)].join("\n").trim();
  return { turns, instructions };
}

/** `*Anxiously* Hello, I'm calling…` → text `Hello, I'm calling…`, cues `["Anxiously"]`. */
export function splitStageDirections(said: string): { text: string; cues: string[] } {
  const cues: string[] = [];
  const text = said.includes("*") ? withoutDirections(said, cues) : said;
  const spaced = text.includes("  ") || text.includes("\t");
  return { text: (spaced ? text.replace(SPACES, " ") : text).trim(), cues };
}

/**
 * `said` with each `*direction*` (1 to 80 characters, on one line) replaced by a space and added to `cues`.
 * Found with `indexOf`, where a replace calling back per match cost more than the rest of reading the turn.
 */
function withoutDirections(said: string, cues: string[]): string {
  const multiline = said.includes("\n");
  // The speech around the directions, joined by spaces at the end: one flat string, not a chain of pieces.
  const speech: string[] = [];
  let from = 0;
  let open = said.indexOf("*");
  while (open !== -1) {
    const close = said.indexOf("*", open + 1);
    if (close === -1) break;
    const direction = close - open - 1;
    if (
      direction < 1 ||
      direction > MAX_DIRECTION_LENGTH ||
      (multiline && said.slice(open, close).includes("\n"))
    ) {
      // Not a direction: the closing star may open the next one.
      open = close;
      continue;
    }
    speech.push(said.slice(from, open));
    cues.push(said.slice(open + 1, close).trim());
    from = close + 1;
    open = said.indexOf("*", from);
  }
  speech.push(said.slice(from));
  return speech.join(" ");
}

/**
 * `Agent: text` (after any time stamp) → speaker `Agent`, said `text`. Looked for by hand: the first colon,
 * a short label before it, speech after it; a pattern over the whole line was slower on long turns.
 */
function labelOf(
  line: string,
  isLabel: (speaker: string) => boolean,
): { speaker: string; said: string } | undefined {
  const first = line.charCodeAt(0);
  const stamp = first === 91 || first === 40 || (first >= 48 && first <= 57) ? TIME_STAMP.exec(line) : null;
  const from = stamp ? stamp[0].length : 0;
  const colon = line.indexOf(":", from);
  if (colon < 0 || colon - from > MAX_LABEL_LENGTH || line.charCodeAt(colon + 1) !== 32) return undefined;
  const speaker = line.slice(from, colon).trim();
  const said = line.slice(colon + 2).trim();
  if (!said || !isLabel(speaker)) return undefined;
  return { speaker, said };
}

function roleOfLabel(speaker: string): SpeakerRole {
  if (CUSTOMER_LABEL.test(speaker)) return "customer";
  if (AGENT_LABEL.test(speaker)) return "agent";
  return "other";
}

function longestTurnRun(
  lines: readonly string[],
  opensTurn: readonly boolean[],
): { first: number; last: number } | undefined {
  let best: { first: number; last: number; turns: number } | undefined;
  let current: { first: number; last: number; turns: number } | undefined;
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    if (opensTurn[i]) {
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
function assignRoles(
  speakers: readonly string[],
  roleOf: (speaker: string) => SpeakerRole,
): Map<string, SpeakerRole> {
  const roles = new Map<string, SpeakerRole>();
  const turnCounts = new Map<string, number>();
  for (const speaker of speakers) {
    roles.set(speaker, roleOf(speaker));
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

function memoized<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
