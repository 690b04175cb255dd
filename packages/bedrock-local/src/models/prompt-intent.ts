/** What a summary can say, in Recap's vocabulary (`callSummarySchema`). */
export type SummaryField = "overview" | "callReason" | "resolution" | "sentiment" | "actionItems";

/** A key the answer must have, spelled as the prompt spells it; `field` is what it means, if recognised. */
export interface AnswerKey {
  name: string;
  field: SummaryField | undefined;
}

export type PromptIntent =
  | { format: "json"; keys: AnswerKey[] }
  | { format: "prose"; words: number | undefined };

export const DEFAULT_KEYS: readonly AnswerKey[] = (
  ["overview", "callReason", "resolution", "sentiment", "actionItems"] as const
).map((field) => ({ name: field, field }));

/** Names a prompt may give each field, compared lowercased without `_`, `-` or spaces. */
const FIELD_NAMES: ReadonlyArray<[SummaryField, readonly string[]]> = [
  ["overview", ["overview", "summary", "callsummary", "synopsis", "abstract", "gist"]],
  [
    "callReason",
    [
      "callreason",
      "reason",
      "reasonforcall",
      "callpurpose",
      "purpose",
      "intent",
      "customerintent",
      "contactreason",
    ],
  ],
  ["resolution", ["resolution", "outcome", "resolutionstatus", "calloutcome", "callresolution", "status"]],
  ["sentiment", ["sentiment", "customersentiment", "overallsentiment", "tone", "mood"]],
  ["actionItems", ["actionitems", "nextsteps", "followups", "followupactions", "actions", "todos", "tasks"]],
];
const FIELD_BY_NAME = new Map(
  FIELD_NAMES.flatMap(([field, names]) => names.map((name) => [name, field] as const)),
);
/** JSON Schema's own words, which appear as quoted keys in a schema but are not answer keys. */
const SCHEMA_WORDS = new Set(
  (
    "type properties items required enum description additionalProperties title minItems maxItems format const " +
    "anyOf oneOf allOf $schema $ref default examples pattern minLength maxLength minimum maximum string array " +
    "object number integer boolean null"
  ).split(" "),
);
const JSON_MENTION = /\bjson\b/i;
/** `"overview":` or `'overview':` — a key in an example object or a schema. */
const QUOTED_KEY = /["']([A-Za-z_$][\w$]{0,63})["']\s*:/g;
/** `overview` in backticks, or a word in a list introduced by `keys`, `fields` or `properties`. */
const BACKTICKED = /`([A-Za-z_][\w]{0,63})`/g;
const KEY_LIST = /\b(?:keys|fields|properties|attributes)\b[^.\n]*/gi;
const IDENTIFIER = /[A-Za-z_][\w]{0,63}/g;
const NAME_SEPARATORS = /[_\-\s]/g;
const WORD_LIMIT = /\b(\d{1,4})[\s-]*words?\b/i;
const SENTENCE_LIMIT = /\b(\d{1,2}|one|two|three|four|five)[\s-]*sentences?\b/i;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
const WORDS_PER_SENTENCE = 20;

/**
 * What the prompt asks for. JSON when it says JSON, shows quoted keys, or the answer is prefilled with `{`; its
 * keys are the ones it names (quoted, backticked or listed after "keys"/"fields"), else Recap's five. Prose
 * otherwise, with a length when it gives one in words or sentences.
 */
export function readPromptIntent(instructions: string, prefill: string): PromptIntent {
  const quoted = matchesOf(QUOTED_KEY, instructions).filter((name) => !SCHEMA_WORDS.has(name));
  const wantsJson =
    JSON_MENTION.test(instructions) || quoted.length > 0 || prefill.trimStart().startsWith("{");
  if (!wantsJson) return { format: "prose", words: lengthAskedFor(instructions) };

  const listed = [
    ...matchesOf(BACKTICKED, instructions),
    ...matchesOf(KEY_LIST, instructions, 0).flatMap((list) => matchesOf(IDENTIFIER, list, 0)),
  ].filter((name) => fieldOf(name) !== undefined);
  const names = [...new Set([...quoted, ...listed])];
  const keys = names.map((name) => ({ name, field: fieldOf(name) }));
  const recognised = keys.filter((key) => key.field !== undefined);
  if (recognised.length === 0) return { format: "json", keys: [...DEFAULT_KEYS] };
  // The same field under two names (`summary` and `overview`) is one key: keep the first the prompt gives.
  const seen = new Set<SummaryField>();
  const unique = keys.filter((key) => {
    if (key.field === undefined) return true;
    if (seen.has(key.field)) return false;
    seen.add(key.field);
    return true;
  });
  return { format: "json", keys: unique };
}

function fieldOf(name: string): SummaryField | undefined {
  return FIELD_BY_NAME.get(name.toLowerCase().replace(NAME_SEPARATORS, ""));
}

function lengthAskedFor(instructions: string): number | undefined {
  const words = WORD_LIMIT.exec(instructions)?.[1];
  if (words) return Number(words);
  const sentences = SENTENCE_LIMIT.exec(instructions)?.[1]?.toLowerCase();
  if (!sentences) return undefined;
  return (NUMBER_WORDS[sentences] ?? Number(sentences)) * WORDS_PER_SENTENCE;
}

function matchesOf(pattern: RegExp, text: string, group = 1): string[] {
  return [...text.matchAll(pattern)].map((match) => match[group] ?? "");
}
