import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ListServiceQuotasCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { InvalidConfigError, scheduledPollSchema } from "@recap/shared";
import { readAccountQuotas } from "@recap/shared/account-quotas";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readEndpoints } from "./endpoints.ts";
import { localPlan } from "./plan.ts";
import { type LocalStack, startLocalStack } from "./stack.ts";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
let dir: string;
let stack: LocalStack;
let sqs: SQSClient;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "recap-stack-"));
  stack = await startLocalStack({
    dir,
    port: 0,
    services: [],
    tickEverySeconds: 1,
    config: { sealing: { maxWaitSeconds: 7 }, models: { [HAIKU]: { quotas: { maxActiveJobs: 3 } } } },
  });
  const { region, endpoint, credentials } = stack.endpoints;
  sqs = new SQSClient({ region, endpoint, credentials });
});
afterAll(async () => {
  sqs?.destroy();
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the local stack", () => {
  test("provisions every table in its DynamoDB and says where in endpoints.json", async () => {
    const endpoints = await readEndpoints(dir);
    expect(new URL(endpoints.dynamodbEndpoint).hostname).toBe("127.0.0.1");
    const tables = localPlan().tables.map((t) => t.name);
    expect(Object.keys(endpoints.tables).sort()).toEqual([...tables].sort());
    const dynamodb = new DynamoDBClient({
      region: endpoints.region,
      endpoint: endpoints.dynamodbEndpoint,
      credentials: endpoints.credentials,
    });
    for (const name of tables) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.TableStatus).toBe("ACTIVE");
    }
    dynamodb.destroy();
    expect(await readdir(path.join(dir, "dynalite"))).not.toHaveLength(0);
  });

  test("sends each ticking service a Scheduled Event into its own queue, and no other service any", async () => {
    for (const queue of localPlan().queues) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.endpoints.queues[queue.name],
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: queue.tickEverySeconds ? 3 : 1,
        }),
      );
      if (!queue.tickEverySeconds) {
        expect(Messages, queue.name).toHaveLength(0);
        continue;
      }
      expect(Messages.length, queue.name).toBeGreaterThan(0);
      const tick = JSON.parse(Messages[0]?.Body ?? "");
      expect(scheduledPollSchema.safeParse(tick).success).toBe(true);
      expect(tick.resources).toEqual([`arn:aws:events:us-east-1:000000000000:rule/${queue.service}-tick`]);
    }
  });

  test("resolves the configuration the workers get: the file's local settings under the overrides", () => {
    expect(stack.config.sealing).toEqual({ maxWaitSeconds: 7, deadlineLeadSeconds: 10 });
  });

  test("its own Service Quotas applies the quotas the local Bedrock enforces where they differ from AWS's defaults", async () => {
    const endpoints = await readEndpoints(dir);
    expect(endpoints.serviceQuotasEndpoint).toBe(stack.serviceQuotas?.endpoint);
    expect(new URL(endpoints.serviceQuotasEndpoint).hostname).toBe("127.0.0.1");
    expect(endpoints.serviceQuotasEndpoint).not.toBe(endpoints.bedrockEndpoint);
    const { region, credentials } = endpoints;
    const client = new ServiceQuotasClient({
      region,
      endpoint: endpoints.serviceQuotasEndpoint,
      credentials,
    });
    const { Quotas = [] } = await client.send(new ListServiceQuotasCommand({ ServiceCode: "bedrock" }));
    client.destroy();
    const applied = (name: string) => Quotas.find((q) => q.QuotaName === name)?.Value;
    const activeJobs = (model: string) =>
      applied(`Sum of in-progress and submitted batch inference jobs using a base model for ${model}`);
    expect(activeJobs(stack.config.models[HAIKU]?.quotaName ?? "")).toBe(3);
    const novaLite = stack.config.models["amazon.nova-lite-v1:0"];
    expect(novaLite?.quotaName).toBe("Nova Lite V1");
    expect(activeJobs("Nova Lite V1")).toBe(novaLite?.quotas.maxActiveJobs);
    // A quota at AWS's default has no applied value, so ListServiceQuotas leaves it out.
    expect(novaLite?.quotas.minRecordsPerJob).toBe(100);
    expect(applied("Minimum number of records per batch inference job for Nova Lite V1")).toBeUndefined();
  });

  test("Recap's reader gets from it exactly the quotas the local Bedrock enforces, for every configured model", async () => {
    const { region, credentials, serviceQuotasEndpoint } = await readEndpoints(dir);
    const client = new ServiceQuotasClient({ region, endpoint: serviceQuotasEndpoint, credentials });
    try {
      for (const [modelId, model] of Object.entries(stack.config.models)) {
        const read = await readAccountQuotas(client, modelId, model);
        expect(read, modelId).toEqual({ quotas: model.quotas, source: "account" });
      }
    } finally {
      client.destroy();
    }
  });

  test("with serviceQuotasEndpoint, every service reads that one and endpoints.json names it", async () => {
    const other = await mkdtemp(path.join(tmpdir(), "recap-stack-"));
    const outside = await startLocalStack({
      dir: other,
      port: 0,
      services: [],
      serviceQuotasEndpoint: "http://127.0.0.1:9",
    });
    try {
      expect(outside.serviceQuotas).toBeUndefined();
      expect((await readEndpoints(other)).serviceQuotasEndpoint).toBe("http://127.0.0.1:9");
    } finally {
      await outside.stop();
      await rm(other, { recursive: true, force: true });
    }
  });

  test("refuses a configuration override that makes the configuration invalid, before starting anything", async () => {
    const other = await mkdtemp(path.join(tmpdir(), "recap-stack-"));
    await expect(
      startLocalStack({ dir: other, port: 0, services: [], config: { sealing: { maxWaitSeconds: -1 } } }),
    ).rejects.toBeInstanceOf(InvalidConfigError);
    expect(await readdir(other)).toEqual([]);
    await rm(other, { recursive: true, force: true });
  });
});
