import {
  ListServiceQuotasCommand,
  NoSuchResourceException,
  type ServiceQuota,
  ServiceQuotasClient,
  TooManyRequestsException,
} from "@aws-sdk/client-service-quotas";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HAIKU, type Harness, startHarness } from "./harness.ts";

const NOVA = "amazon.nova-lite-v1:0";
const GB = 1024 ** 3;

let h: Harness;
let quotas: ServiceQuotasClient;
beforeAll(async () => {
  h = await startHarness({
    quotas: { maxActiveJobs: 20 },
    modelQuotas: { [HAIKU]: { maxActiveJobs: 10, maxInputFileBytes: 200 * 1024 * 1024 } },
    quotaNames: { [HAIKU]: "Claude 3 Haiku", [NOVA]: "Nova Lite" },
  });
  quotas = new ServiceQuotasClient({
    region: "us-east-1",
    endpoint: h.bedrock.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  quotas?.destroy();
  await h?.stop();
});

async function listAll(maxResults?: number): Promise<ServiceQuota[]> {
  const all: ServiceQuota[] = [];
  let token: string | undefined;
  do {
    const page = await quotas.send(
      new ListServiceQuotasCommand({ ServiceCode: "bedrock", NextToken: token, MaxResults: maxResults }),
    );
    if (maxResults) expect(page.Quotas?.length).toBeLessThanOrEqual(maxResults);
    all.push(...(page.Quotas ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

describe("ListServiceQuotas through the real client-service-quotas", () => {
  test("lists the six batch quotas of each named model, with the values the emulator enforces", async () => {
    const all = await listAll();
    expect(all).toHaveLength(12);
    const value = (name: string) => all.find((q) => q.QuotaName === name)?.Value;
    expect(value("Minimum number of records per batch inference job for Claude 3 Haiku")).toBe(100);
    expect(value("Records per batch inference job for Claude 3 Haiku")).toBe(50_000);
    expect(value("Records per input file per batch inference job for Claude 3 Haiku")).toBe(50_000);
    expect(value("Batch inference input file size (in GB) for Claude 3 Haiku")).toBe(
      (200 * 1024 * 1024) / GB,
    );
    expect(value("Batch inference job size (in GB) for Claude 3 Haiku")).toBe(1);
    expect(
      value("Sum of in-progress and submitted batch inference jobs using a base model for Claude 3 Haiku"),
    ).toBe(10);
    expect(
      value("Sum of in-progress and submitted batch inference jobs using a base model for Nova Lite"),
    ).toBe(20);
    expect(all[0]).toMatchObject({
      ServiceCode: "bedrock",
      ServiceName: "Amazon Bedrock",
      QuotaArn: expect.stringMatching(
        /^arn:aws:servicequotas:us-east-1:000000000000:bedrock\/L-[0-9A-F]{8}$/,
      ),
      Unit: "None",
      GlobalQuota: false,
    });
  });

  test("pages with MaxResults and NextToken, without repeats or gaps", async () => {
    const paged = await listAll(5);
    expect(paged.map((q) => q.QuotaCode)).toEqual((await listAll()).map((q) => q.QuotaCode));
  });

  test("an unknown ServiceCode is NoSuchResourceException", async () => {
    await expect(quotas.send(new ListServiceQuotasCommand({ ServiceCode: "nope" }))).rejects.toBeInstanceOf(
      NoSuchResourceException,
    );
  });

  test("a throttling fault answers TooManyRequestsException", async () => {
    h.bedrock.faults.add({ throttleCalls: 1 });
    await expect(
      quotas.send(new ListServiceQuotasCommand({ ServiceCode: "bedrock" })),
    ).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(listAll()).resolves.toHaveLength(12);
  });
});
