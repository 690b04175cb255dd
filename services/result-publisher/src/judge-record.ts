import {
  type AnySummary,
  type ModelFamily,
  type PromptTemplate,
  type RecordFailure,
  readModelOutput,
  UnreadableModelOutputError,
} from "@recap/shared";
import { z } from "zod";

/** One line of a Bedrock batch `.out` file. */
export const outputLineSchema = z.object({
  recordId: z.string(),
  modelOutput: z.unknown().optional(),
  error: z
    .object({ errorCode: z.union([z.number(), z.string()]).optional(), errorMessage: z.string().optional() })
    .optional(),
});
export type OutputLine = z.infer<typeof outputLineSchema>;

export type Verdict =
  | { ok: true; summary: AnySummary; inputTokens: number; outputTokens: number }
  | { ok: false; failure: RecordFailure; inputTokens: number; outputTokens: number };

/**
 * Pure: what one output line yields. A summary only if the model ended on its own (an answer cut at max
 * tokens is truncated, however valid it looks) and it satisfies the template's schema. The repairs made:
 * - a JSON answer wrapped in a Markdown code fence, or with words around the object, is read from its
 *   outermost braces, because models do that and the object inside is the answer;
 * - fields the schema does not name are dropped.
 * Nothing else is guessed: invalid JSON, a wrong enum value (`"Resolved"`), a wrong type, an empty answer or
 * output of another family's shape is an `invalid-summary` failure of that record alone. Tokens are counted
 * whatever the verdict: they were paid for.
 */
export function judgeRecord(line: OutputLine, family: ModelFamily, template: PromptTemplate): Verdict {
  if (line.error || line.modelOutput === undefined) {
    const code = line.error?.errorCode ?? "none";
    const message = line.error?.errorMessage ?? "the record has neither modelOutput nor error";
    return fail("model-error", `Bedrock error ${code}: ${message}`, 0, 0);
  }
  let answer: ReturnType<typeof readModelOutput>;
  try {
    answer = readModelOutput(family, line.modelOutput);
  } catch (error) {
    if (error instanceof UnreadableModelOutputError) return fail("invalid-summary", error.message, 0, 0);
    throw error;
  }
  const { inputTokens, outputTokens } = answer;
  if (answer.stopReason === "max-tokens")
    return fail(
      "truncated",
      "the answer stopped at the profile's maxOutputTokens",
      inputTokens,
      outputTokens,
    );
  if (answer.text.trim() === "")
    return fail("invalid-summary", "the answer is empty", inputTokens, outputTokens);
  const candidate = template.answer === "prose" ? { text: answer.text.trim() } : jsonObjectIn(answer.text);
  if (candidate === undefined)
    return fail("invalid-summary", "the answer holds no JSON object", inputTokens, outputTokens);
  const checked = template.summarySchema.safeParse(candidate);
  if (!checked.success) {
    const where = checked.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
    return fail(
      "invalid-summary",
      `the answer fails the summary schema: ${where}`,
      inputTokens,
      outputTokens,
    );
  }
  return { ok: true, summary: checked.data as AnySummary, inputTokens, outputTokens };
}

function jsonObjectIn(text: string): unknown {
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  if (first < 0 || last <= first) return undefined;
  try {
    return JSON.parse(text.slice(first, last + 1));
  } catch {
    return undefined;
  }
}

function fail(
  code: RecordFailure["code"],
  message: string,
  inputTokens: number,
  outputTokens: number,
): Verdict {
  return { ok: false, failure: { code, message: message.slice(0, 1024) }, inputTokens, outputTokens };
}
