import { ConverseCommand, InvokeModelCommand, ValidationException } from "@aws-sdk/client-bedrock-runtime";
import { callSummarySchema } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, HAIKU, type Harness, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const prompt = `Summarize this call as JSON.\n\n${call(7)}`;
const invoke = async (modelId: string, body: unknown) => {
  const response = await h.runtime.send(
    new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: "application/json" }),
  );
  return JSON.parse(new TextDecoder().decode(response.body));
};
// The prompt asks for JSON: every family's answer must be the call's summary, and the same one, since the
// offline model reads the transcript, not the envelope it came in.
const summaryOf = (text: string | undefined) => callSummarySchema.parse(JSON.parse(text ?? ""));
const anthropicBody = {
  anthropic_version: "bedrock-2023-05-31",
  max_tokens: 400,
  messages: [{ role: "user", content: prompt }],
};
const anthropicSummary = async () => summaryOf((await invoke(HAIKU, anthropicBody)).content[0].text);

describe("bedrock-runtime through the real client", () => {
  test("InvokeModel answers an Anthropic body with an Anthropic Messages response", async () => {
    const output = await invoke(HAIKU, anthropicBody);
    expect(output).toMatchObject({ type: "message", role: "assistant", content: [{ type: "text" }] });
    expect(summaryOf(output.content[0].text).overview).toMatch(/\S/);
    expect(output.usage.input_tokens).toBeGreaterThan(10);
    expect(output.usage.output_tokens).toBeGreaterThan(0);
  });

  test("InvokeModel answers a Nova body in Nova's shape, by inference-profile id", async () => {
    const output = await invoke("us.amazon.nova-lite-v1:0", {
      messages: [{ role: "user", content: [{ text: prompt }] }],
      inferenceConfig: { maxTokens: 400 },
    });
    expect(summaryOf(output.output.message.content[0].text)).toEqual(await anthropicSummary());
    expect(output.usage).toMatchObject({ inputTokens: expect.any(Number), outputTokens: expect.any(Number) });
  });

  test("InvokeModel answers a Llama body in Llama's shape", async () => {
    const output = await invoke("meta.llama3-8b-instruct-v1:0", { prompt, max_gen_len: 300 });
    expect(summaryOf(output.generation)).toEqual(await anthropicSummary());
    expect(output.prompt_token_count).toBeGreaterThan(10);
  });

  test("Converse works for any model", async () => {
    const response = await h.runtime.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [{ role: "user", content: [{ text: prompt }] }],
        inferenceConfig: { maxTokens: 300 },
      }),
    );
    expect(response.stopReason).toBe("end_turn");
    expect(summaryOf(response.output?.message?.content?.[0]?.text)).toEqual(await anthropicSummary());
    expect(response.usage?.inputTokens).toBeGreaterThan(10);
  });

  test("a body that does not fit the model family is a ValidationException", async () => {
    await expect(invoke(HAIKU, { prompt: "a Llama body sent to Claude" })).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});
