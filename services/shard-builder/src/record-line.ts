import {
  buildModelInput,
  type CanonicalTranscript,
  promptVersionOf,
  type ResolvedProfile,
} from "@recap/shared";

/** About four characters a token in English: the same estimate ingest uses for the transcript. */
const CHARS_PER_TOKEN = 4;

/**
 * A unit of work's JSONL line, exactly as Bedrock reads it: `{recordId, modelInput}`, the body built by the
 * profile's family adapter from its versioned prompt.
 */
export function recordLine(
  recordId: string,
  transcript: Pick<CanonicalTranscript, "turns">,
  resolved: ResolvedProfile,
): { line: string; promptVersion: string; estimatedInputTokens: number } {
  const prompt = resolved.template.render(transcript);
  const modelInput = buildModelInput(resolved.family, prompt, {
    maxTokens: resolved.profile.maxOutputTokens,
    ...(resolved.profile.temperature === undefined ? {} : { temperature: resolved.profile.temperature }),
  });
  const promptChars = (prompt.system?.length ?? 0) + prompt.user.length;
  return {
    line: `${JSON.stringify({ recordId, modelInput })}\n`,
    promptVersion: promptVersionOf(resolved.template),
    estimatedInputTokens: Math.ceil(promptChars / CHARS_PER_TOKEN),
  };
}
