import { z } from "zod";
import { type ChatCompletion, type ChatRequest, type ModelBackend, ModelInputError } from "./backend.ts";
import { estimateInputTokens, estimateTokens } from "./tokens.ts";

export interface OpenAiCompatibleOptions {
  /** Up to the version segment: `http://127.0.0.1:11434/v1` (Ollama), `http://127.0.0.1:8000/v1` (vLLM). */
  baseUrl: string;
  /** The endpoint's own model name (`llama3.2:3b`), whatever Bedrock model the job names. */
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** Statuses that mean this request cannot be answered as sent (too long, malformed): the record's fault. */
const REQUEST_REFUSED = new Set([400, 413, 422]);
const MAX_ERROR_DETAIL = 300;
const TRAILING_SLASHES = /\/+$/;

const chatCompletionResponse = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.int().nonnegative(), completion_tokens: z.int().nonnegative() })
    .optional(),
});

/**
 * A model behind any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server), for real summaries when
 * the user has one. Token counts are the endpoint's own when it reports them, estimates otherwise. A request
 * the endpoint refuses as such fails its record (400); any other failure is the backend's (500).
 */
export function createOpenAiCompatibleBackend(options: OpenAiCompatibleOptions): ModelBackend {
  const url = `${options.baseUrl.replace(TRAILING_SLASHES, "")}/chat/completions`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  return {
    name: "openai-compatible",
    async complete(request: ChatRequest): Promise<ChatCompletion> {
      const body = {
        model: options.model,
        messages: [
          ...(request.system ? [{ role: "system", content: request.system }] : []),
          ...request.messages.map((m) => ({ role: m.role, content: m.text })),
        ],
        max_tokens: request.maxTokens,
        temperature: request.temperature,
      };
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (error instanceof Error && error.name === "TimeoutError") {
          throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
        }
        throw new Error(`cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!response.ok) {
        const detail = `${url} answered HTTP ${response.status}: ${(await response.text()).slice(0, MAX_ERROR_DETAIL)}`;
        throw REQUEST_REFUSED.has(response.status) ? new ModelInputError(detail) : new Error(detail);
      }
      const parsed = chatCompletionResponse.safeParse(await response.json());
      if (!parsed.success)
        throw new Error(`${url} answered with no chat completion: ${parsed.error.message}`);
      const [choice] = parsed.data.choices;
      const text = choice?.message.content ?? "";
      return {
        text,
        inputTokens: parsed.data.usage?.prompt_tokens ?? estimateInputTokens(request),
        outputTokens: parsed.data.usage?.completion_tokens ?? estimateTokens(text),
        stopReason: choice?.finish_reason === "length" ? "max-tokens" : "end",
      };
    },
  };
}
