import { describe, expect, test } from "vitest";
import userConfig from "../../../recap.config.ts";
import { deepMerge, InvalidConfigError, resolveConfig } from "./load.ts";

describe("resolveConfig", () => {
  test("recap.config.ts is valid, and every profile's model is configured", () => {
    const config = resolveConfig(userConfig, "aws", {});
    for (const profile of Object.values(config.profiles))
      expect(config.models[profile.modelId]).toBeDefined();
    expect(Object.keys(config.profiles)).toEqual(expect.arrayContaining(["default", "notebook"]));
  });

  test("the notebook profile is the reference notebook's: Claude 3 Haiku, 300 tokens, prose", () => {
    const { notebook } = resolveConfig(userConfig, "aws", {}).profiles;
    expect(notebook).toMatchObject({
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      prompt: "notebook",
      maxOutputTokens: 300,
    });
  });

  test("local mode applies the file's local section; AWS mode does not", () => {
    const aws = resolveConfig(userConfig, "aws", {});
    const local = resolveConfig(userConfig, "local", {});
    expect(local.sealing.maxWaitSeconds).toBeLessThan(aws.sealing.maxWaitSeconds);
    expect(aws.sealing.maxWaitSeconds).toBe(3_600);
  });

  test("overrides are deep-merged last, so a test can scale one quota down and keep the rest", () => {
    const modelId = "anthropic.claude-3-haiku-20240307-v1:0";
    const config = resolveConfig(userConfig, "local", {
      models: { [modelId]: { quotas: { maxActiveJobs: 2 } } },
    });
    expect(config.models[modelId]?.quotas.maxActiveJobs).toBe(2);
    expect(config.models[modelId]?.quotas.minRecordsPerJob).toBe(100);
  });

  test("an override that breaks the schema is a clear error, not a silent default", () => {
    expect(() => resolveConfig(userConfig, "aws", { sealing: { maxWaitSeconds: -1 } })).toThrow(
      InvalidConfigError,
    );
    expect(() =>
      resolveConfig(userConfig, "aws", {
        profiles: { x: { ...userConfig.profiles.default, modelId: "nope" } },
      }),
    ).toThrow(/names model nope/);
  });
});

describe("deepMerge", () => {
  test("objects merge key by key; arrays and scalars replace", () => {
    expect(deepMerge({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: 3 }, d: [9] })).toEqual({
      a: { b: 1, c: 3 },
      d: [9],
    });
    expect(deepMerge({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});
