import type { z } from "zod";
import { UnreadableTranscriptError } from "./unreadable.ts";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON value of the content: the one the registry already parsed, or parsed here for a direct call. */
export function jsonOf(content: string, parsed: unknown, expects: string): unknown {
  if (parsed !== undefined) return parsed;
  try {
    return JSON.parse(content);
  } catch {
    throw new UnreadableTranscriptError("unknown-format", `expected ${expects}, but the content is not JSON`);
  }
}

/**
 * The value checked against a format's schema, once its signature has said which format it is: so a mismatch
 * is a broken file of that format (`malformed-transcript`), not an unknown one. The message names the first place that
 * differs and what was expected there: zod's messages state types, never the offending value.
 */
export function readShape<T>(schema: z.ZodType<T>, value: unknown, expects: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at \`${issue.path.join(".")}\`` : "";
  throw new UnreadableTranscriptError(
    "malformed-transcript",
    `expected ${expects}, but the JSON differs${where}: ${issue?.message ?? "unexpected shape"}`,
  );
}
