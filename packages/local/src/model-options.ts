import type { ModelBackend } from "@recap/bedrock-local/models/backend";
import { createOfflineSummarizer } from "@recap/bedrock-local/models/offline-summarizer";
import { createOpenAiCompatibleBackend } from "@recap/bedrock-local/models/openai-compatible";

export const MODEL_OPTIONS = {
  "model-endpoint": { type: "string" },
  "model-name": { type: "string" },
  "model-api-key": { type: "string" },
  "time-scale": { type: "string", default: "1" },
} as const;

export const MODEL_USAGE = `           --model-endpoint <url>  an OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server),
                                   e.g. http://127.0.0.1:11434/v1; default: the offline summarizer
           --model-name <name>     the endpoint's model, e.g. llama3.2:3b (required with --model-endpoint)
           --model-api-key <key>   bearer key for the endpoint, if it wants one
           --time-scale <n>        batch job phase durations x n (default 1: a job takes minutes; 0: at once)`;

/** The model the local Bedrock answers with: offline by default, a real LLM when one is named. */
export function modelBackendFrom(values: {
  "model-endpoint"?: string;
  "model-name"?: string;
  "model-api-key"?: string;
}): ModelBackend {
  const baseUrl = values["model-endpoint"];
  if (!baseUrl) return createOfflineSummarizer();
  const model = values["model-name"];
  if (!model) throw new Error("--model-endpoint needs --model-name, the endpoint's own model name");
  return createOpenAiCompatibleBackend({
    baseUrl,
    model,
    ...(values["model-api-key"] ? { apiKey: values["model-api-key"] } : {}),
  });
}

export function timeScaleFrom(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale < 0)
    throw new Error(`--time-scale must be a number >= 0, not ${value}`);
  return scale;
}
