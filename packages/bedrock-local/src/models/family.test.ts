import { describe, expect, test } from "vitest";
import { type ChatRequest, type ModelBackend, ModelInputError } from "./backend.ts";
import { familyOf, invokeFamily } from "./family.ts";

describe("familyOf", () => {
  test.each([
    ["anthropic.claude-3-haiku-20240307-v1:0", "anthropic"],
    ["us.anthropic.claude-3-haiku-20240307-v1:0", "anthropic"],
    ["global.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic"],
    ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", "anthropic"],
    ["amazon.nova-lite-v1:0", "nova"],
    ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0", "nova"],
    ["eu.amazon.nova-pro-v1:0", "nova"],
    ["meta.llama3-1-8b-instruct-v1:0", "llama"],
    ["arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.meta.llama3-2-3b-instruct-v1:0", "llama"],
    ["apac.meta.llama3-2-1b-instruct-v1:0", "llama"],
  ])("InvokeModel with %s speaks %s", (modelId, family) => {
    expect(familyOf(modelId, "InvokeModel")).toBe(family);
  });

  test.each([
    "amazon.titan-text-express-v1",
    "cohere.command-r-v1:0",
    "amazon.nova-canvas-v1:0",
    "amazon.nova-sonic-v1:0",
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
    "claude-3-haiku",
    "",
  ])("InvokeModel with %j is not spoken", (modelId) => {
    expect(familyOf(modelId, "InvokeModel")).toBeUndefined();
  });

  test("a Converse job uses the Converse shape whatever the model", () => {
    expect(familyOf("meta.llama3-1-8b-instruct-v1:0", "Converse")).toBe("converse");
    expect(familyOf("us.anthropic.claude-3-haiku-20240307-v1:0", "Converse")).toBe("converse");
  });
});

const echo: ModelBackend = {
  name: "echo",
  complete: async (request: ChatRequest) => ({
    text: request.messages.map((m) => m.text).join(" "),
    inputTokens: 7,
    outputTokens: 3,
    stopReason: "end",
  }),
};
const failing = (error: Error): ModelBackend => ({
  name: "broken",
  complete: async () => {
    throw error;
  },
});
const anthropicBody = {
  anthropic_version: "bedrock-2023-05-31",
  max_tokens: 50,
  messages: [{ role: "user", content: "Hello there" }],
};
const haiku = "anthropic.claude-3-haiku-20240307-v1:0";

describe("invokeFamily", () => {
  test("answers with the family's body and the completion's usage", async () => {
    const outcome = await invokeFamily("anthropic", echo, anthropicBody, haiku);
    expect(outcome).toEqual({
      modelOutput: expect.objectContaining({
        type: "message",
        content: [{ type: "text", text: "Hello there" }],
        usage: { input_tokens: 7, output_tokens: 3 },
      }),
      usage: { inputTokens: 7, outputTokens: 3 },
    });
  });

  test("each family shapes the same completion its own way", async () => {
    const nova = await invokeFamily(
      "nova",
      echo,
      { messages: [{ role: "user", content: [{ text: "Hi" }] }] },
      "x",
    );
    const llama = await invokeFamily("llama", echo, { prompt: "Hi" }, "x");
    const converse = await invokeFamily(
      "converse",
      echo,
      { messages: [{ role: "user", content: [{ text: "Hi" }] }] },
      "x",
    );
    expect(nova).toMatchObject({
      modelOutput: { output: { message: { content: [{ text: "Hi" }] } }, stopReason: "end_turn" },
    });
    expect(llama).toMatchObject({ modelOutput: { generation: "Hi", stop_reason: "stop" } });
    expect(converse).toMatchObject({ modelOutput: { metrics: { latencyMs: expect.any(Number) } } });
  });

  test("a body that does not fit its family fails the record with 400 and Bedrock's wording", async () => {
    const outcome = await invokeFamily("anthropic", echo, { ...anthropicBody, max_tokens: undefined }, haiku);
    expect(outcome).toEqual({
      error: {
        errorCode: 400,
        errorMessage:
          "Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.",
      },
    });
  });

  test("a body of another family fails with 400", async () => {
    const outcome = await invokeFamily("llama", echo, anthropicBody, "meta.llama3-1-8b-instruct-v1:0");
    expect(outcome).toMatchObject({ error: { errorCode: 400 } });
  });

  test("a backend failure fails the record with 500 and names the backend", async () => {
    const outcome = await invokeFamily(
      "anthropic",
      failing(new Error("connection refused")),
      anthropicBody,
      haiku,
    );
    expect(outcome).toEqual({
      error: {
        errorCode: 500,
        errorMessage: 'InternalServerException: the model backend "broken" failed: connection refused',
      },
    });
  });

  test("a backend refusing the input (prompt too long) fails the record with 400", async () => {
    const outcome = await invokeFamily(
      "anthropic",
      failing(new ModelInputError("Input is too long.")),
      anthropicBody,
      haiku,
    );
    expect(outcome).toEqual({ error: { errorCode: 400, errorMessage: "Input is too long." } });
  });
});
