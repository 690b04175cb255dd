import type { z } from "zod";
import { callSummarySchema, proseSummarySchema } from "../events/summary.ts";
import type { CanonicalTranscript } from "../transcript.ts";
import { renderTurns } from "./render-turns.ts";

/** What a prompt template gives a model-family adapter: plain text, no family's body shape yet. */
export interface PromptText {
  system?: string;
  user: string;
}

/**
 * A versioned prompt. The version travels with every record (record map, summary), so a summary can always
 * be traced to the exact words that asked for it; change the words, bump the version.
 */
export interface PromptTemplate<Summary extends z.ZodType = z.ZodType> {
  readonly id: string;
  readonly version: number;
  /** The schema the model's answer must satisfy to become a summary. */
  readonly summarySchema: Summary;
  /** `json`: the answer is a JSON object; `prose`: the answer text is the summary. */
  readonly answer: "json" | "prose";
  render(transcript: Pick<CanonicalTranscript, "turns">): PromptText;
}

const callSummary: PromptTemplate<typeof callSummarySchema> = {
  id: "call-summary",
  version: 1,
  summarySchema: callSummarySchema,
  answer: "json",
  render: (transcript) => ({
    system:
      "You summarize contact-center calls for the team that handles them. Be accurate and neutral; " +
      "never invent facts the transcript does not state.",
    user:
      "Summarize the call transcript below. Answer with one JSON object and nothing else, with the keys " +
      '"overview" (two or three sentences), "callReason" (a short phrase), "resolution" (one of resolved, ' +
      'unresolved, escalated, unknown), "sentiment" (the customer\'s: positive, neutral, negative or mixed) ' +
      'and "actionItems" (a list of short strings, empty if none).\n\n' +
      `<transcript>\n${renderTurns(transcript)}\n</transcript>`,
  }),
};

/** The reference notebook's prompt, word for word, so a user coming from the blog post gets what it promised. */
const notebook: PromptTemplate<typeof proseSummarySchema> = {
  id: "notebook",
  version: 1,
  summarySchema: proseSummarySchema,
  answer: "prose",
  render: (transcript) => ({
    user: `Write an accurate 250 word gender-neutral summary of the following text: <text>${renderTurns(transcript)}</text>`,
  }),
};

export const promptTemplates = { "call-summary": callSummary, notebook } as const;
export type PromptId = keyof typeof promptTemplates;

/** `call-summary@1`: how a record names the exact prompt it was built from. */
export function promptVersionOf(template: PromptTemplate): string {
  return `${template.id}@${template.version}`;
}

/** The template a record was built from, by the version it carries; undefined for a version no longer known. */
export function templateOfVersion(promptVersion: string): PromptTemplate | undefined {
  return Object.values(promptTemplates).find((template) => promptVersionOf(template) === promptVersion);
}
