import { AccessDeniedException, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { appliedFromModels } from "../../packages/local/src/service-quotas/applied-values.ts";
import {
  type ServiceQuotasLocal,
  startServiceQuotasLocal,
} from "../../packages/local/src/service-quotas/server.ts";
import { readAccountQuotas } from "./account-quotas.ts";
import type { BatchQuotas, ModelConfig } from "./config/schema.ts";

const MB = 1024 * 1024;
const GB = 1024 * MB;
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const HAIKU_35 = "anthropic.claude-3-5-haiku-20241022-v1:0";

/** What recap.config.ts would say: deliberately unlike the account's values, so the source shows. */
const configuredQuotas: BatchQuotas = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxInputFileBytes: 200 * MB,
  maxJobInputBytes: 1 * GB,
  maxActiveJobs: 10,
};
const model = (quotaName: string): ModelConfig => ({
  quotaName,
  quotas: configuredQuotas,
  onDemandConcurrency: 4,
});
/** Every value unlike AWS's default, so each one is applied and listed. */
const accountHaiku: BatchQuotas = {
  minRecordsPerJob: 1_000,
  maxRecordsPerJob: 20_000,
  maxRecordsPerFile: 10_000,
  maxInputFileBytes: 512 * MB,
  maxJobInputBytes: 4 * GB,
  maxActiveJobs: 30,
};

let quotasLocal: ServiceQuotasLocal;
const clients: ServiceQuotasClient[] = [];
const clientOf = (endpoint: string, maxAttempts = 1) => {
  const client = new ServiceQuotasClient({
    region: "us-east-1",
    endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts,
  });
  clients.push(client);
  return client;
};
/** Each test reads a model id of its own: the cache is per model id for the whole process. */
let n = 0;
const freshModelId = () => `test.model-${++n}`;

beforeAll(async () => {
  // Pages of five: twelve applied quotas take three, so the reader must page to find all six of a model's.
  quotasLocal = await startServiceQuotasLocal({
    port: 0,
    defaultPageSize: 5,
    applied: appliedFromModels({
      [HAIKU]: accountHaiku,
      [HAIKU_35]: { ...accountHaiku, maxActiveJobs: 3 },
    }).applied,
  });
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await quotasLocal?.stop();
});

describe("readAccountQuotas against the local Service Quotas, through the real client", () => {
  test("reads all six quotas for the model's quota name, across pages, sizes from GB to bytes", async () => {
    const answer = await readAccountQuotas(
      clientOf(quotasLocal.endpoint),
      freshModelId(),
      model("Claude 3 Haiku"),
    );
    expect(answer).toEqual({ quotas: accountHaiku, source: "account" });
  });

  test("matches the name exactly: Claude 3.5 Haiku's quotas are not Claude 3 Haiku's, nor the other way", async () => {
    const answer = await readAccountQuotas(
      clientOf(quotasLocal.endpoint),
      freshModelId(),
      model("Claude 3.5 Haiku"),
    );
    expect(answer.quotas.maxActiveJobs).toBe(3);
    const lower = await readAccountQuotas(
      clientOf(quotasLocal.endpoint),
      freshModelId(),
      model("claude 3 haiku"),
    );
    expect(lower).toMatchObject({ quotas: configuredQuotas, source: "configuration" });
  });

  test("falls back field by field to the configuration for quotas the account does not list", async () => {
    const client = clientOf(quotasLocal.endpoint);
    // The account lists only some of the model's quotas.
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { Quotas?: Array<{ QuotaName?: string }> };
        output.Quotas = output.Quotas?.filter((q) => !q.QuotaName?.startsWith("Batch inference"));
        return result;
      },
      { step: "initialize" },
    );
    const answer = await readAccountQuotas(client, freshModelId(), model("Claude 3 Haiku"));
    expect(answer).toEqual({
      quotas: {
        ...accountHaiku,
        maxInputFileBytes: configuredQuotas.maxInputFileBytes,
        maxJobInputBytes: configuredQuotas.maxJobInputBytes,
      },
      source: "account",
    });
  });

  test("a model the account lists nothing for keeps its configured quotas, saying why", async () => {
    const answer = await readAccountQuotas(
      clientOf(quotasLocal.endpoint),
      freshModelId(),
      model("Nova Lite V1"),
    );
    expect(answer).toEqual({
      quotas: configuredQuotas,
      source: "configuration",
      reason: "Service Quotas lists no batch quota for Nova Lite V1",
    });
  });

  test("no Service Quotas endpoint: the configured quotas, no exception", async () => {
    const answer = await readAccountQuotas(
      clientOf("http://127.0.0.1:9"),
      freshModelId(),
      model("Claude 3 Haiku"),
    );
    expect(answer).toMatchObject({ quotas: configuredQuotas, source: "configuration" });
    expect(answer.reason).toMatch(/could not be read/);
  });

  test("access denied: the configured quotas, no exception", async () => {
    const client = clientOf(quotasLocal.endpoint);
    client.middlewareStack.add(
      () => async () => {
        throw new AccessDeniedException({ message: "not authorized", $metadata: {} });
      },
      { step: "initialize" },
    );
    const answer = await readAccountQuotas(client, freshModelId(), model("Claude 3 Haiku"));
    expect(answer).toMatchObject({ quotas: configuredQuotas, source: "configuration" });
    expect(answer.reason).toMatch(/AccessDeniedException/);
  });

  test("throttling: the SDK's own retries are used; past them, the configured quotas", async () => {
    quotasLocal.faults.add({ throttleCalls: 1 });
    const retried = await readAccountQuotas(
      clientOf(quotasLocal.endpoint, 3),
      freshModelId(),
      model("Claude 3 Haiku"),
    );
    expect(retried.source).toBe("account");

    quotasLocal.faults.add({ throttleCalls: 2 });
    const gaveUp = await readAccountQuotas(
      clientOf(quotasLocal.endpoint, 2),
      freshModelId(),
      model("Claude 3 Haiku"),
    );
    expect(gaveUp).toMatchObject({ quotas: configuredQuotas, source: "configuration" });
    expect(gaveUp.reason).toMatch(/TooManyRequestsException/);
    expect(quotasLocal.faults.pending().throttleCalls).toBe(0);
  });

  test("an answer is cached per model id for ten minutes, then read again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const modelId = freshModelId();
    const good = clientOf(quotasLocal.endpoint);
    expect((await readAccountQuotas(good, modelId, model("Claude 3 Haiku"))).source).toBe("account");
    // Served from the cache: the unreachable client is never called.
    const unreachable = clientOf("http://127.0.0.1:9");
    vi.setSystemTime(Date.now() + 9 * 60_000);
    expect((await readAccountQuotas(unreachable, modelId, model("Claude 3 Haiku"))).source).toBe("account");
    vi.setSystemTime(Date.now() + 2 * 60_000);
    expect((await readAccountQuotas(unreachable, modelId, model("Claude 3 Haiku"))).source).toBe(
      "configuration",
    );
    // A failed read is tried again after a minute, not ten.
    vi.setSystemTime(Date.now() + 61_000);
    expect((await readAccountQuotas(good, modelId, model("Claude 3 Haiku"))).source).toBe("account");
  });

  test("concurrent callers share one read", async () => {
    const client = clientOf(quotasLocal.endpoint);
    let calls = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        calls += 1;
        return next(args);
      },
      { step: "initialize" },
    );
    await readAccountQuotas(client, freshModelId(), model("Claude 3 Haiku"));
    const pagesOfOneRead = calls;
    expect(pagesOfOneRead).toBeGreaterThan(1);
    calls = 0;
    const modelId = freshModelId();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => readAccountQuotas(client, modelId, model("Claude 3 Haiku"))),
    );
    expect(answers.every((a) => a.source === "account")).toBe(true);
    expect(calls).toBe(pagesOfOneRead);
  });
});
