import type { ModelBackend } from "@recap/bedrock-local/models/backend";
import { createOfflineSummarizer } from "@recap/bedrock-local/models/offline-summarizer";
import { createOpenAiCompatibleBackend } from "@recap/bedrock-local/models/openai-compatible";
import type { Command } from "commander";
import { nonNegativeNumber } from "./commands/options.ts";

export interface ModelFlags {
  modelEndpoint?: string;
  modelName?: string;
  modelApiKey?: string;
  timeScale: number;
}

/** The local Bedrock's model and pace: `dev` and `bedrock-local` take the same flags. */
export function withModelOptions(command: Command): Command {
  return command
    .option(
      "--model-endpoint <url>",
      "an OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server), e.g. http://127.0.0.1:11434/v1; default: the offline summarizer",
    )
    .option("--model-name <name>", "the endpoint's model, e.g. llama3.2:3b (required with --model-endpoint)")
    .option("--model-api-key <key>", "bearer key for the endpoint, if it wants one")
    .option(
      "--time-scale <n>",
      "batch job phase durations x n (1: a job takes minutes; 0: at once)",
      nonNegativeNumber,
      1,
    );
}

/** The model the local Bedrock answers with: offline by default, a real LLM when one is named. */
export function modelBackendFrom(flags: ModelFlags): ModelBackend {
  const baseUrl = flags.modelEndpoint;
  if (!baseUrl) return createOfflineSummarizer();
  const model = flags.modelName;
  if (!model) throw new Error("--model-endpoint needs --model-name, the endpoint's own model name");
  return createOpenAiCompatibleBackend({
    baseUrl,
    model,
    ...(flags.modelApiKey ? { apiKey: flags.modelApiKey } : {}),
  });
}
