import {
  GetFoundationModelCommand,
  ListFoundationModelsCommand,
  type ListFoundationModelsCommandInput,
  ResourceNotFoundException,
  ValidationException,
} from "@aws-sdk/client-bedrock";
import {
  ConverseCommand,
  InvokeModelCommand,
  ResourceNotFoundException as RuntimeNotFound,
} from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createInput, createJob, type Harness, putJsonl, records, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const HAIKU_3 = "anthropic.claude-3-haiku-20240307-v1:0";
const HAIKU_35 = "anthropic.claude-3-5-haiku-20241022-v1:0";
const SONNET_4 = "anthropic.claude-sonnet-4-20250514-v1:0";
const HAIKU_45 = "anthropic.claude-haiku-4-5-20251001-v1:0";
const END_OF_LIFE =
  "This model version has reached the end of its life. Please refer to the AWS documentation for more details.";

const get = (modelIdentifier: string) => h.client.send(new GetFoundationModelCommand({ modelIdentifier }));

describe("GetFoundationModel with model lifecycles", () => {
  test("Claude 3 Haiku is Legacy, with its launch and end-of-life dates", async () => {
    const { modelDetails } = await get(HAIKU_3);
    expect(modelDetails).toMatchObject({
      modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_3}`,
      modelId: HAIKU_3,
      modelName: "Claude 3 Haiku",
      providerName: "Anthropic",
      modelLifecycle: {
        status: "LEGACY",
        startOfLifeTime: new Date("2024-03-13T00:00:00Z"),
        endOfLifeTime: new Date("2026-09-10T00:00:00Z"),
      },
    });
  });

  test("Claude Haiku 4.5 is Active, also when named by its foundation-model ARN", async () => {
    const { modelDetails } = await get(`arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_45}`);
    expect(modelDetails?.modelLifecycle).toEqual({
      status: "ACTIVE",
      startOfLifeTime: new Date("2025-10-16T00:00:00Z"),
    });
  });

  test.each([HAIKU_35, SONNET_4])(
    "%s, past its end of life, is not found, as Bedrock answers",
    async (model) => {
      const error = await get(model).catch((e: Error) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect((error as Error).message).toBe(END_OF_LIFE);
    },
  );

  test("an inference-profile id is not a foundation model; an unknown model is not found", async () => {
    for (const id of [`us.${HAIKU_45}`, "acme.unheard-of-v1:0"]) {
      const error = await get(id).catch((e: Error) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect((error as Error).message).toBe(
        "Could not resolve the foundation model from the provided model identifier.",
      );
    }
  });

  test("an identifier outside the model's pattern is a ValidationException", async () => {
    const error = await get("NotAModel").catch((e: Error) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toContain(
      "Value 'NotAModel' at 'modelIdentifier' failed to satisfy constraint",
    );
  });
});

describe("ListFoundationModels", () => {
  test("lists the catalogue's live models, none past end of life, filtered by provider", async () => {
    const { modelSummaries } = await h.client.send(
      new ListFoundationModelsCommand({ byProvider: "anthropic" }),
    );
    const ids = modelSummaries?.map((m) => m.modelId);
    expect(ids).toContain(HAIKU_3);
    expect(ids).toContain(HAIKU_45);
    expect(ids).not.toContain(HAIKU_35);
    expect(ids).not.toContain(SONNET_4);
    expect(modelSummaries?.every((m) => m.providerName === "Anthropic")).toBe(true);
  });

  test("an output modality outside its enum is a ValidationException", async () => {
    const error = await h.client
      .send(
        new ListFoundationModelsCommand({
          byOutputModality: "VIDEO",
        } as unknown as ListFoundationModelsCommandInput),
      )
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toContain(
      "Member must satisfy enum value set: [TEXT, IMAGE, EMBEDDING]",
    );
  });
});

describe("a model past its end of life refuses every call, by id, inference profile or ARN", () => {
  const body = JSON.stringify({
    anthropic_version: "bedrock-2023-05-31",
    max_tokens: 100,
    messages: [{ role: "user", content: "Summarize: Agent: hello. Customer: bye." }],
  });
  test("InvokeModel and Converse", async () => {
    for (const modelId of [HAIKU_35, `us.${HAIKU_35}`]) {
      const invoke = await h.runtime
        .send(new InvokeModelCommand({ modelId, body, contentType: "application/json" }))
        .catch((e: Error) => e);
      expect(invoke).toBeInstanceOf(RuntimeNotFound);
      expect((invoke as Error).message).toBe(END_OF_LIFE);
    }
    const converse = await h.runtime
      .send(
        new ConverseCommand({ modelId: SONNET_4, messages: [{ role: "user", content: [{ text: "hi" }] }] }),
      )
      .catch((e: Error) => e);
    expect(converse).toBeInstanceOf(RuntimeNotFound);
  });

  test("CreateModelInvocationJob", async () => {
    const uri = await putJsonl(h.s3, "shards/eol/input.jsonl", records(100));
    const error = await createJob(
      h,
      createInput("eol-job", uri, { modelId: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU_35}` }),
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(END_OF_LIFE);
  });
});
