import { S3Client } from "@aws-sdk/client-s3";
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  InvalidPaginationTokenException,
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  NoSuchResourceException,
  RequestServiceQuotaIncreaseCommand,
  type ServiceQuota,
  ServiceQuotasClient,
  TooManyRequestsException,
} from "@aws-sdk/client-service-quotas";
import { startBedrockLocal } from "@recap/bedrock-local/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BEDROCK_BATCH_QUOTAS } from "./bedrock-batch-quotas.ts";
import { type ServiceQuotasLocal, startServiceQuotasLocal } from "./server.ts";

const HAIKU_JOBS = "L-1570CF9E";
const HAIKU_RECORDS = "L-1F644C2A";
const NOVA_LITE_FILE = "L-F60B56CC";

let local: ServiceQuotasLocal;
let quotas: ServiceQuotasClient;
beforeAll(async () => {
  local = await startServiceQuotasLocal({
    port: 0,
    account: "123456789012",
    applied: { [HAIKU_JOBS]: 10, [NOVA_LITE_FILE]: 0.5 },
  });
  quotas = new ServiceQuotasClient({
    region: "us-east-1",
    endpoint: local.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  quotas?.destroy();
  await local?.stop();
});

async function listAll(
  command: typeof ListServiceQuotasCommand | typeof ListAWSDefaultServiceQuotasCommand,
  maxResults?: number,
): Promise<ServiceQuota[]> {
  const all: ServiceQuota[] = [];
  let token: string | undefined;
  do {
    const page = await quotas.send(
      new command({ ServiceCode: "bedrock", NextToken: token, MaxResults: maxResults }),
    );
    if (maxResults) expect(page.Quotas?.length).toBeLessThanOrEqual(maxResults);
    all.push(...(page.Quotas ?? []));
    token = page.NextToken;
  } while (token);
  return all;
}

describe("the local Service Quotas, through the real client-service-quotas", () => {
  test("ListServiceQuotas lists the applied values only: a quota without one is not there", async () => {
    const applied = await listAll(ListServiceQuotasCommand);
    expect(applied.map((q) => [q.QuotaName, q.Value])).toEqual([
      ["Batch inference input file size (in GB) for Nova Lite V1", 0.5],
      ["Sum of in-progress and submitted batch inference jobs using a base model for Claude 3 Haiku", 10],
    ]);
    expect(applied[1]).toEqual({
      ServiceCode: "bedrock",
      ServiceName: "Amazon Bedrock",
      QuotaArn: `arn:aws:servicequotas:us-east-1:123456789012:bedrock/${HAIKU_JOBS}`,
      QuotaCode: HAIKU_JOBS,
      QuotaName:
        "Sum of in-progress and submitted batch inference jobs using a base model for Claude 3 Haiku",
      Value: 10,
      Unit: "None",
      Adjustable: true,
      GlobalQuota: false,
      QuotaAppliedAtLevel: "ACCOUNT",
      Description:
        "The maximum number of in-progress and submitted batch inference jobs using a base model for Claude 3 Haiku.",
    });
  });

  test("ListAWSDefaultServiceQuotas lists every catalogued quota at AWS's default, in no account", async () => {
    const defaults = await listAll(ListAWSDefaultServiceQuotasCommand);
    expect(defaults).toHaveLength(BEDROCK_BATCH_QUOTAS.length);
    const value = (name: string) => defaults.find((q) => q.QuotaName === name)?.Value;
    expect(
      value("Sum of in-progress and submitted batch inference jobs using a base model for Claude 3 Haiku"),
    ).toBe(20);
    expect(value("Records per input file per batch inference job for Nova Lite V1")).toBe(50_000);
    expect(value("Batch inference input file size for Qwen3 32B (in GB)")).toBe(1);
    expect(value("Batch inference job size (in GB) for Nova Pro V1")).toBe(100);
    expect(defaults.find((q) => q.QuotaCode === HAIKU_JOBS)?.QuotaArn).toBe(
      `arn:aws:servicequotas:us-east-1::bedrock/${HAIKU_JOBS}`,
    );
  });

  test("GetServiceQuota reads an applied value; a quota without one is NoSuchResourceException", async () => {
    const { Quota } = await quotas.send(
      new GetServiceQuotaCommand({ ServiceCode: "bedrock", QuotaCode: HAIKU_JOBS }),
    );
    expect(Quota?.Value).toBe(10);
    await expect(
      quotas.send(new GetServiceQuotaCommand({ ServiceCode: "bedrock", QuotaCode: HAIKU_RECORDS })),
    ).rejects.toBeInstanceOf(NoSuchResourceException);
  });

  test("GetAWSDefaultServiceQuota reads any catalogued quota's default; an unknown code is NoSuchResourceException", async () => {
    const { Quota } = await quotas.send(
      new GetAWSDefaultServiceQuotaCommand({ ServiceCode: "bedrock", QuotaCode: HAIKU_RECORDS }),
    );
    expect(Quota).toMatchObject({
      QuotaName: "Records per batch inference job for Claude 3 Haiku",
      Value: 50_000,
      Adjustable: true,
    });
    await expect(
      quotas.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode: "bedrock", QuotaCode: "L-00000000" })),
    ).rejects.toBeInstanceOf(NoSuchResourceException);
  });

  test("pages with MaxResults and NextToken, without repeats or gaps; a token is good for its own listing only", async () => {
    const paged = await listAll(ListAWSDefaultServiceQuotasCommand, 7);
    expect(paged.map((q) => q.QuotaCode)).toEqual(
      (await listAll(ListAWSDefaultServiceQuotasCommand)).map((q) => q.QuotaCode),
    );
    const first = await quotas.send(
      new ListAWSDefaultServiceQuotasCommand({ ServiceCode: "bedrock", MaxResults: 7 }),
    );
    expect(first.NextToken).toMatch(/^[a-zA-Z0-9/+]*={0,2}$/);
    await expect(
      quotas.send(new ListServiceQuotasCommand({ ServiceCode: "bedrock", NextToken: first.NextToken })),
    ).rejects.toBeInstanceOf(InvalidPaginationTokenException);
  });

  test("a service code other than bedrock is NoSuchResourceException", async () => {
    await expect(quotas.send(new ListServiceQuotasCommand({ ServiceCode: "ec2" }))).rejects.toBeInstanceOf(
      NoSuchResourceException,
    );
    await expect(
      quotas.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode: "ec2", QuotaCode: HAIKU_JOBS })),
    ).rejects.toBeInstanceOf(NoSuchResourceException);
  });

  test("an operation it does not serve is UnknownOperationException, as an awsJson front answers", async () => {
    await expect(
      quotas.send(
        new RequestServiceQuotaIncreaseCommand({
          ServiceCode: "bedrock",
          QuotaCode: HAIKU_JOBS,
          DesiredValue: 30,
        }),
      ),
    ).rejects.toMatchObject({ name: "UnknownOperationException", $metadata: { httpStatusCode: 400 } });
    const response = await fetch(local.endpoint, {
      method: "POST",
      headers: {
        "x-amz-target": "ServiceQuotasV20190624.NoSuchThing",
        "content-type": "application/x-amz-json-1.1",
      },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      __type: "com.amazon.coral.service#UnknownOperationException",
    });
  });

  test("applied values change while it runs (POST /_recap/applied-quotas); null removes one", async () => {
    const post = (body: unknown) =>
      fetch(`${local.endpoint}/_recap/applied-quotas`, { method: "POST", body: JSON.stringify(body) });
    expect((await post({ [HAIKU_RECORDS]: 20_000, [NOVA_LITE_FILE]: null })).status).toBe(200);
    const applied = await listAll(ListServiceQuotasCommand);
    expect(Object.fromEntries(applied.map((q) => [q.QuotaCode, q.Value]))).toEqual({
      [HAIKU_JOBS]: 10,
      [HAIKU_RECORDS]: 20_000,
    });
    expect((await post({ "L-NOTAQUOTA": 1 })).status).toBe(400);
    local.apply({ [HAIKU_RECORDS]: null, [NOVA_LITE_FILE]: 0.5 });
  });

  test("a throttling fault answers TooManyRequestsException, then the next call goes through", async () => {
    local.faults.add({ throttleCalls: 1 });
    await expect(
      quotas.send(new ListServiceQuotasCommand({ ServiceCode: "bedrock" })),
    ).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(listAll(ListServiceQuotasCommand)).resolves.toHaveLength(2);
  });
});

test("the local Bedrock's port no longer answers Service Quotas", async () => {
  const unusedS3 = new S3Client({ region: "us-east-1", endpoint: "http://127.0.0.1:9" });
  const bedrock = await startBedrockLocal({ port: 0, s3: unusedS3 });
  const client = new ServiceQuotasClient({
    region: "us-east-1",
    endpoint: bedrock.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  try {
    await expect(client.send(new ListServiceQuotasCommand({ ServiceCode: "bedrock" }))).rejects.toMatchObject(
      {
        name: "UnknownOperationException",
      },
    );
  } finally {
    client.destroy();
    await bedrock.stop();
    unusedS3.destroy();
  }
});
