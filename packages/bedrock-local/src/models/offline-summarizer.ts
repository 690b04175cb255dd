import type { ChatCompletion, ChatRequest, ModelBackend } from "./backend.ts";
import { analyzeCall } from "./call-facts.ts";
import { readPromptIntent } from "./prompt-intent.ts";
import { writeJsonSummary, writeProseSummary } from "./summary-writer.ts";
import { estimateInputTokens, fitToTokens } from "./tokens.ts";
import { findTranscript, splitStageDirections, type Turn } from "./transcript.ts";

/** Paragraphs of a prompt with no transcript in it that are instructions, not text to summarize. */
const INSTRUCTION = /\b(?:summar\w*|json|respond|write|return|output|format|schema)\b/i;
const PARAGRAPH_BREAK = /\n\s*\n/;
const WHITESPACE = /\s+/g;

/**
 * The default model of the local emulator: an extractive, heuristic call summarizer. Deterministic (the same
 * request always gets the same completion), offline, no weights. It finds the transcript in the prompt,
 * answers in JSON or prose as the prompt asks, stops at `maxTokens` as a model would (the answer cut, the
 * stop reason `max-tokens`), and reports estimated token counts. Temperature has no effect.
 */
export function createOfflineSummarizer(): ModelBackend {
  return { name: "offline", complete: async (request) => summarizeOffline(request) };
}

export function summarizeOffline(request: ChatRequest): ChatCompletion {
  const last = request.messages.at(-1);
  const prefill = last?.role === "assistant" ? last.text : "";
  const userText = request.messages
    .filter((m) => m.role === "user")
    .map((m) => m.text)
    .join("\n\n");
  const found = findTranscript(userText);
  const { turns, instructions } = found ?? withoutTranscript(userText);

  const intent = readPromptIntent([request.system ?? "", instructions].join("\n"), prefill);
  const facts = analyzeCall(turns);
  const answer =
    intent.format === "json" ? writeJsonSummary(facts, intent.keys) : writeProseSummary(facts, intent.words);
  const { text, truncated, tokens } = fitToTokens(continuing(answer, prefill), request.maxTokens);
  return {
    text,
    inputTokens: estimateInputTokens(request),
    outputTokens: tokens,
    stopReason: truncated ? "max-tokens" : "end",
  };
}

/**
 * A prompt with no `Speaker: text` lines: its instruction-like paragraphs are the instructions, the rest is the
 * text to summarize, read as one turn by nobody in particular (or the whole prompt, if every paragraph looks
 * like an instruction).
 */
function withoutTranscript(userText: string): { turns: Turn[]; instructions: string } {
  const paragraphs = userText.split(PARAGRAPH_BREAK);
  const content = paragraphs.filter((p) => !INSTRUCTION.test(p));
  const text = (content.length > 0 ? content.join(" ") : userText).replace(WHITESPACE, " ");
  const turn: Turn = { speaker: "", role: "other", ...splitStageDirections(text) };
  return { turns: [turn], instructions: userText };
}

/** An answer after an assistant prefill goes on from it, as a model's would: `{` prefilled, `{` not repeated. */
function continuing(answer: string, prefill: string): string {
  const start = prefill.trim();
  return start && answer.startsWith(start) ? answer.slice(start.length) : answer;
}
