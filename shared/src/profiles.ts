/**
 * A summary profile: which model summarizes, how much transcript it can take, and what is done to the text
 * first. Producers pick one per transcript (`profile`); `default` when they do not.
 */
export interface SummaryProfile {
  readonly description: string;
  readonly modelId: string;
  /**
   * Estimated input tokens a transcript may use: the model's context window less room for the prompt and
   * the summary. Longer transcripts are rejected as `too-long` rather than truncated in silence.
   */
  readonly maxTranscriptTokens: number;
  /** Replace emails, phone and card numbers, national ids and street addresses with typed placeholders. */
  readonly redactPii: boolean;
}

export const profiles = {
  default: {
    description: "Claude 3 Haiku, as in the reference notebook; text as received.",
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    maxTranscriptTokens: 190_000,
    redactPii: false,
  },
  redacted: {
    description: "Claude 3 Haiku with personal data redacted before anything is stored.",
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    maxTranscriptTokens: 190_000,
    redactPii: true,
  },
  "nova-lite": {
    description: "Amazon Nova Lite, a cheaper model with a 300K-token window; text as received.",
    modelId: "amazon.nova-lite-v1:0",
    maxTranscriptTokens: 290_000,
    redactPii: false,
  },
} as const satisfies Record<string, SummaryProfile>;

export type ProfileName = keyof typeof profiles;

export function profileNamed(name: string): SummaryProfile | undefined {
  return Object.hasOwn(profiles, name) ? profiles[name as ProfileName] : undefined;
}
