import type { z } from "zod";
import { ModelInputError } from "./backend.ts";

const MAX_ISSUES_SHOWN = 3;

/**
 * Validates a record's `modelInput` against its family's schema, failing the record the way Bedrock words it:
 * `Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.`
 */
export function parseModelInput<Schema extends z.ZodType>(
  schema: Schema,
  modelInput: unknown,
): z.output<Schema> {
  const result = schema.safeParse(modelInput, { reportInput: true });
  if (result.success) return result.data;
  throw malformedInput(result.error.issues.slice(0, MAX_ISSUES_SHOWN).map(describeIssue).join(", "));
}

export function malformedInput(detail: string): ModelInputError {
  return new ModelInputError(`Malformed input request: ${detail}, please reformat your input and try again.`);
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): string {
  const pointer = pointerOf(issue.path);
  if (issue.code === "unrecognized_keys")
    return `${pointer}: extraneous key [${issue.keys.join(", ")}] is not permitted`;
  // JSON has no `undefined`: an issue about an undefined value is about a key that is not there.
  if (issue.path.length > 0 && "input" in issue && issue.input === undefined) {
    return `${pointerOf(issue.path.slice(0, -1))}: required key [${String(issue.path.at(-1))}] not found`;
  }
  if (issue.code === "invalid_union") return describeUnionIssue(issue);
  return `${pointer}: ${issue.message}`;
}

/**
 * A value that fits none of a union's shapes (`content`: a string or a list of blocks): report the branch that
 * got furthest, so an image block inside a list is named as such, or the shapes expected when none got in.
 */
function describeUnionIssue(issue: Extract<Issue, { code: "invalid_union" }>): string {
  const branchIssues = issue.errors.flat();
  const deepest = branchIssues.reduce<Issue | undefined>(
    (best, candidate) => (!best || candidate.path.length > best.path.length ? candidate : best),
    undefined,
  );
  if (deepest && deepest.path.length > 0) {
    return describeIssue({ ...deepest, path: [...issue.path, ...deepest.path] } as Issue);
  }
  const expected = new Set(branchIssues.flatMap((i) => (i.code === "invalid_type" ? [i.expected] : [])));
  return `${pointerOf(issue.path)}: expected ${[...expected].join(" or ") || "a different value"}`;
}

function pointerOf(path: readonly PropertyKey[]): string {
  return ["#", ...path.map(String)].join("/");
}
