import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { ModelInputError } from "./backend.ts";
import { createOpenAiCompatibleBackend } from "./openai-compatible.ts";
import { estimateInputTokens, estimateTokens } from "./tokens.ts";

interface Received {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  body: unknown;
}

/** A tiny chat endpoint on 127.0.0.1: each test says how it answers, and sees what it was sent. */
let server: Server;
let baseUrl: string;
let received: Received[] = [];
let answer: (res: ServerResponse) => void = () => {};

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      received.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body: raw ? JSON.parse(raw) : undefined,
      });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterEach(() => {
  received = [];
  server.closeAllConnections();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const reply = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
};
const completion = (content: string | null, finishReason: string, usage?: object) => ({
  id: "chatcmpl-1",
  object: "chat.completion",
  choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
  ...(usage ? { usage } : {}),
});
const request = {
  system: "You summarize calls.",
  messages: [
    { role: "user" as const, text: "Agent: Hello.\nCustomer: My card was declined." },
    { role: "assistant" as const, text: "{" },
  ],
  maxTokens: 256,
  temperature: 0.2,
};

describe("the OpenAI-compatible backend", () => {
  test("posts the chat request to /chat/completions and maps the answer and the endpoint's usage", async () => {
    answer = reply(
      200,
      completion('"overview": "A declined card."}', "stop", { prompt_tokens: 31, completion_tokens: 9 }),
    );
    const backend = createOpenAiCompatibleBackend({
      baseUrl: `${baseUrl}/`,
      model: "llama3.2:3b",
      apiKey: "sk-local",
    });
    expect(backend.name).toBe("openai-compatible");

    await expect(backend.complete(request)).resolves.toEqual({
      text: '"overview": "A declined card."}',
      inputTokens: 31,
      outputTokens: 9,
      stopReason: "end",
    });
    expect(received).toEqual([
      {
        method: "POST",
        url: "/v1/chat/completions",
        authorization: "Bearer sk-local",
        body: {
          model: "llama3.2:3b",
          messages: [
            { role: "system", content: "You summarize calls." },
            { role: "user", content: "Agent: Hello.\nCustomer: My card was declined." },
            { role: "assistant", content: "{" },
          ],
          max_tokens: 256,
          temperature: 0.2,
        },
      },
    ]);
  });

  test("estimates the usage an endpoint does not report, sends no key unless given one, and reads `length` as max-tokens", async () => {
    answer = reply(200, completion("A summary cut sho", "length"));
    const backend = createOpenAiCompatibleBackend({ baseUrl, model: "m" });
    const { system: _, ...withoutSystem } = request;

    await expect(backend.complete(withoutSystem)).resolves.toEqual({
      text: "A summary cut sho",
      inputTokens: estimateInputTokens(withoutSystem),
      outputTokens: estimateTokens("A summary cut sho"),
      stopReason: "max-tokens",
    });
    expect(received[0]?.authorization).toBeUndefined();
    expect(received[0]?.body).toMatchObject({ messages: [{ role: "user" }, { role: "assistant" }] });
  });

  test("an empty (null) answer is empty text", async () => {
    answer = reply(200, completion(null, "stop"));
    const backend = createOpenAiCompatibleBackend({ baseUrl, model: "m" });
    await expect(backend.complete(request)).resolves.toMatchObject({ text: "", outputTokens: 0 });
  });

  test("a request the endpoint refuses (context too long) is the record's fault", async () => {
    answer = reply(400, { error: { message: "This model's maximum context length is 8192 tokens." } });
    const backend = createOpenAiCompatibleBackend({ baseUrl, model: "m" });
    const failure = backend.complete(request);
    await expect(failure).rejects.toBeInstanceOf(ModelInputError);
    await expect(failure).rejects.toThrow(/HTTP 400: .*maximum context length/);
  });

  test.each([
    [500, "internal error"],
    [401, "unauthorized"],
    [404, "model not found"],
  ])("HTTP %i is the backend's failure, not the record's", async (status, message) => {
    answer = reply(status, { error: { message } });
    const failure = createOpenAiCompatibleBackend({ baseUrl, model: "m" }).complete(request);
    await expect(failure).rejects.toThrow(`HTTP ${status}`);
    await expect(failure).rejects.not.toBeInstanceOf(ModelInputError);
  });

  test("an answer that is no chat completion is a backend failure", async () => {
    answer = reply(200, { choices: [] });
    await expect(createOpenAiCompatibleBackend({ baseUrl, model: "m" }).complete(request)).rejects.toThrow(
      "no chat completion",
    );
  });

  test("gives up on an endpoint that does not answer in time", async () => {
    answer = () => {};
    const backend = createOpenAiCompatibleBackend({ baseUrl, model: "m", timeoutMs: 200 });
    await expect(backend.complete(request)).rejects.toThrow("no answer from");
  });

  test("reports an endpoint that cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const backend = createOpenAiCompatibleBackend({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "m" });
    await expect(backend.complete(request)).rejects.toThrow("cannot reach");
  });
});
