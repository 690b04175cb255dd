import type { Role, Turn } from "@recap/shared";

/**
 * A speaker's name in any script: a letter (or a `{` placeholder) first, then up to 40 letters, marks, digits
 * and name punctuation (`・` as in Japanese names). Invisible format characters (a right-to-left mark before
 * an Arabic name, a zero-width space) may sit anywhere in it; they are dropped from the name.
 */
export const SPEAKER_NAME = String.raw`[\p{Cf}]*[\p{L}{][\p{L}\p{M}\p{N}\p{Cf} .'_{}\-・·]{0,40}?`;
/** The colon after a name: ASCII, or the full-width `：` of Chinese and Japanese (and its small form). */
export const SPEAKER_COLON = "[:：﹕]";
const LABEL = new RegExp(String.raw`^\s*(${SPEAKER_NAME})\s*${SPEAKER_COLON}\s*(.*)$`, "u");
/** An anonymisation placeholder such as `{NAME}`: a label holding one is a redacted speaker name. */
const PLACEHOLDER = /\{[A-Z_]+\}/;
const STAGE_DIRECTION = /\*([^*\n]+)\*/g;
const MAX_LABEL_WORDS = 4;

/** Role words of scripts that put spaces between words: matched as whole words (Unicode-aware). */
const ROLE_WORDS: ReadonlyArray<[Role, string[]]> = [
  [
    "agent",
    [
      ..."agent representative rep advisor adviser associate supervisor manager support specialist operator".split(
        " ",
      ),
      ..."оператор агент консультант специалист менеджер".split(" "),
      ..."الموظف موظف الوكيل وكيل الممثل ممثل".split(" "),
    ],
  ],
  [
    "customer",
    [
      ..."customer caller client user member patient guest".split(" "),
      ..."клиент абонент покупатель".split(" "),
      ..."العميل عميل المتصل متصل".split(" "),
    ],
  ],
  ["system", ["system", "ivr", "bot", "recording", "automated", "система", "автоответчик", "النظام"]],
];
/** Role words of Chinese, Japanese and Korean, which put no spaces between words: matched anywhere in a name. */
const CJK_ROLE_WORDS: ReadonlyArray<[Role, string[]]> = [
  ["agent", ["客服", "坐席", "接线员", "话务员", "オペレーター", "担当者", "상담원", "상담사"]],
  ["customer", ["客户", "顾客", "客戶", "顧客", "お客様", "用户", "고객"]],
  ["system", ["系统", "システム", "시스템"]],
];
const ROLE_PATTERNS: ReadonlyArray<[Role, RegExp]> = [
  ...ROLE_WORDS.map(([role, words]): [Role, RegExp] => [
    role,
    new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${words.join("|")})(?![\p{L}\p{N}])`, "iu"),
  ]),
  ...CJK_ROLE_WORDS.map(([role, words]): [Role, RegExp] => [role, new RegExp(words.join("|"), "u")]),
];

export function roleOf(speaker: string): Role {
  return ROLE_PATTERNS.find(([, pattern]) => pattern.test(speaker))?.[0] ?? "other";
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
      drafts.push({ speaker: label, lines: [(LABEL.exec(line)?.[2] ?? "").trim()] });
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
  const label = match?.[1]?.replace(/\p{Cf}/gu, "").trim();
  if (!label || label.split(/\s+/).length > MAX_LABEL_WORDS) return undefined;
  return label;
}

/** `*typing* Great, thanks` → text `Great, thanks`, notes `["typing"]`. */
export function splitStageDirections(text: string): { text: string; notes: string[] } {
  const notes = [...text.matchAll(STAGE_DIRECTION)].map((m) => (m[1] ?? "").trim()).filter(Boolean);
  const said = text.replace(STAGE_DIRECTION, " ").replace(/\s+/g, " ").trim();
  return { text: said, notes };
}
