import { z } from "zod";
import type { ChatCompletion, ChatMessage, ChatRequest } from "./backend.ts";
import { parseModelInput } from "./model-input.ts";

/** Bedrock's default `max_gen_len` for Meta Llama models. */
const LLAMA_DEFAULT_MAX_GEN_LEN = 512;

const llamaInput = z.strictObject({
  prompt: z.string().min(1),
  max_gen_len: z.int().positive().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
});

export function parseLlamaInput(modelInput: unknown): ChatRequest {
  const body = parseModelInput(llamaInput, modelInput);
  return {
    ...readLlamaPrompt(body.prompt),
    maxTokens: body.max_gen_len ?? LLAMA_DEFAULT_MAX_GEN_LEN,
    ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
  };
}

export function formatLlamaOutput(completion: ChatCompletion) {
  return {
    generation: completion.text,
    prompt_token_count: completion.inputTokens,
    generation_token_count: completion.outputTokens,
    stop_reason: completion.stopReason === "end" ? "stop" : "length",
  };
}

const HEADER_START = "<|start_header_id|>";
const HEADER_END = "<|end_header_id|>";
const END_OF_TURN = "<|eot_id|>";
const LLAMA3_MARKERS = /<\|(?:begin_of_text|end_of_text|eom_id)\|>/g;
const LLAMA2_SYSTEM = /<<SYS>>([\s\S]*?)<<\/SYS>>/;
const LLAMA2_MARKERS = /<\/?s>/g;

/**
 * A raw Llama prompt read back into chat form. Llama 3 chat templates (`<|start_header_id|>role<|end_header_id|>`
 * … `<|eot_id|>`) and Llama 2 ones (`[INST] <<SYS>>…<</SYS>> … [/INST]`) become system and messages; the empty
 * assistant header that cues generation is dropped; a prompt without a template is one user message.
 */
export function readLlamaPrompt(prompt: string): Pick<ChatRequest, "system" | "messages"> {
  if (prompt.includes(HEADER_START)) return readLlama3(prompt);
  if (prompt.includes("[INST]")) return readLlama2(prompt);
  return { messages: [{ role: "user", text: prompt.trim() }] };
}

function readLlama3(prompt: string): Pick<ChatRequest, "system" | "messages"> {
  const systems: string[] = [];
  const messages: ChatMessage[] = [];
  const [preamble = "", ...turns] = prompt.replace(LLAMA3_MARKERS, "").split(HEADER_START);
  if (preamble.trim()) messages.push({ role: "user", text: preamble.trim() });
  for (const turn of turns) {
    const headerEnd = turn.indexOf(HEADER_END);
    const role = turn.slice(0, Math.max(headerEnd, 0)).trim();
    const body = turn.slice(headerEnd < 0 ? 0 : headerEnd + HEADER_END.length);
    const text = body.split(END_OF_TURN, 1)[0]?.trim() ?? "";
    if (role === "system") systems.push(text);
    else if (text) messages.push({ role: role === "assistant" ? "assistant" : "user", text });
  }
  return withSystem(systems.join("\n"), messages);
}

function readLlama2(prompt: string): Pick<ChatRequest, "system" | "messages"> {
  const system = LLAMA2_SYSTEM.exec(prompt)?.[1]?.trim() ?? "";
  const messages: ChatMessage[] = [];
  const [, ...turns] = prompt.replace(LLAMA2_SYSTEM, "").replace(LLAMA2_MARKERS, "").split("[INST]");
  for (const turn of turns) {
    const [user = "", assistant = ""] = turn.split("[/INST]");
    if (user.trim()) messages.push({ role: "user", text: user.trim() });
    if (assistant.trim()) messages.push({ role: "assistant", text: assistant.trim() });
  }
  return withSystem(system, messages);
}

function withSystem(system: string, messages: ChatMessage[]): Pick<ChatRequest, "system" | "messages"> {
  return system ? { system, messages } : { messages };
}
