import { deadLetterName, queueName, type ServiceSpec, serviceNames, services } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { eventSourceSchema } from "./event-source.ts";
import { localPlan } from "./plan.ts";
import type { ProvisionedResources } from "./provision.ts";
import { type WorkerContext, workerEnvironment } from "./worker-env.ts";

const plan = localPlan({ concurrency: 3 });
const queue = (name: string) => ({
  url: `http://q/${name}`,
  arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
});
const resources: ProvisionedResources = {
  bucket: "recap-local-store",
  topics: { Transcripts: "arn:t", Pipeline: "arn:p", Summaries: "arn:s" },
  queues: Object.fromEntries(
    serviceNames.flatMap((s) => [queueName(s), deadLetterName(s)]).map((name) => [name, queue(name)]),
  ),
  tables: Object.fromEntries(plan.tables.map((t) => [t.name, t.name])),
};
const context: WorkerContext = {
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  stage: "local",
  endpoint: "http://127.0.0.1:1",
  s3Endpoint: "http://127.0.0.1:4",
  dynamodbEndpoint: "http://127.0.0.1:2",
  bedrockEndpoint: "http://127.0.0.1:3",
  serviceQuotasEndpoint: "http://127.0.0.1:5",
  plan,
  resources,
  config: undefined,
};

describe("a worker's environment", () => {
  test("a service with a table gets DynamoDB's endpoint and its own table's link, no other table", () => {
    const env = workerEnvironment("shard-builder", context);
    expect(env.AWS_ENDPOINT_URL_DYNAMODB).toBe("http://127.0.0.1:2");
    expect(JSON.parse(env.SST_RESOURCE_ShardBuilderTable ?? "")).toEqual({ name: "ShardBuilderTable" });
    expect(env.SST_RESOURCE_JobSubmitterTable).toBeUndefined();
    expect(workerEnvironment("ingest-normalizer", context).AWS_ENDPOINT_URL_DYNAMODB).toBeUndefined();
  });

  test("S3 has its own endpoint (a flaky one in fault runs); SQS and SNS keep the emulator's", () => {
    const env = workerEnvironment("ingest-normalizer", context);
    expect(env.AWS_ENDPOINT_URL_S3).toBe("http://127.0.0.1:4");
    expect([env.AWS_ENDPOINT_URL_SQS, env.AWS_ENDPOINT_URL_SNS]).toEqual([
      "http://127.0.0.1:1",
      "http://127.0.0.1:1",
    ]);
  });

  test("a service's runtime environment from the topology is its worker's too, as it is its Lambda's", () => {
    const publisher = workerEnvironment("result-publisher", context);
    expect(publisher.NODE_OPTIONS).toBe(services["result-publisher"].runtimeEnvironment.NODE_OPTIONS);
    expect(publisher.MALLOC_ARENA_MAX).toBe("1");
    expect(workerEnvironment("ingest-normalizer", context).NODE_OPTIONS).toBeUndefined();
  });

  test("NODE_OPTIONS of whoever started the stack reach every worker, before the service's own flags", () => {
    const user = { ...context, nodeOptions: "--import ./my-instrumentation.mjs" };
    for (const service of serviceNames) {
      const own: string | undefined = (services[service] as ServiceSpec).runtimeEnvironment?.NODE_OPTIONS;
      expect(workerEnvironment(service, user).NODE_OPTIONS).toBe(
        own ? `--import ./my-instrumentation.mjs ${own}` : "--import ./my-instrumentation.mjs",
      );
    }
    // The publisher keeps its memory flags (one of the services that has its own) after the user's.
    expect(workerEnvironment("result-publisher", user).NODE_OPTIONS).toBe(
      "--import ./my-instrumentation.mjs --max-semi-space-size=4 --max-old-space-size=96",
    );
    // Blank options add nothing, and no stray space precedes the service's own.
    expect(workerEnvironment("result-publisher", { ...context, nodeOptions: "  " }).NODE_OPTIONS).toBe(
      services["result-publisher"].runtimeEnvironment.NODE_OPTIONS,
    );
    expect(
      workerEnvironment("ingest-normalizer", { ...context, nodeOptions: "" }).NODE_OPTIONS,
    ).toBeUndefined();
  });

  test("Bedrock's endpoints go to services with Bedrock actions; Service Quotas' own to those that read quotas", () => {
    const submitter = workerEnvironment("job-submitter", context);
    expect(submitter.AWS_ENDPOINT_URL_BEDROCK).toBe("http://127.0.0.1:3");
    expect(submitter.AWS_ENDPOINT_URL_BEDROCK_RUNTIME).toBe("http://127.0.0.1:3");
    expect(submitter.AWS_ENDPOINT_URL_SERVICE_QUOTAS).toBe("http://127.0.0.1:5");
    const builder = workerEnvironment("shard-builder", context);
    expect(builder.AWS_ENDPOINT_URL_SERVICE_QUOTAS).toBe("http://127.0.0.1:5");
    expect(builder.AWS_ENDPOINT_URL_BEDROCK).toBeUndefined();
    const normalizer = workerEnvironment("ingest-normalizer", context);
    expect(normalizer.AWS_ENDPOINT_URL_BEDROCK).toBeUndefined();
    expect(normalizer.AWS_ENDPOINT_URL_SERVICE_QUOTAS).toBeUndefined();
  });

  test("a Service Quotas endpoint given to the stack (--service-quotas-endpoint) is the one every reader gets", () => {
    const outside = { ...context, serviceQuotasEndpoint: "https://servicequotas.us-east-1.amazonaws.com" };
    for (const service of serviceNames.filter((s) => services[s].readsQuotas))
      expect(workerEnvironment(service, outside).AWS_ENDPOINT_URL_SERVICE_QUOTAS).toBe(
        "https://servicequotas.us-east-1.amazonaws.com",
      );
    expect(serviceNames.filter((s) => services[s].readsQuotas).length).toBeGreaterThan(0);
  });

  test("every worker runs the local configuration; overrides travel as JSON only when given", () => {
    for (const service of serviceNames) {
      const env = workerEnvironment(service, context);
      expect(env.RECAP_MODE).toBe("local");
      expect(env.RECAP_CONFIG).toBeUndefined();
    }
    const overrides = { sealing: { maxWaitSeconds: 7 } };
    const env = workerEnvironment("shard-builder", { ...context, config: overrides });
    expect(JSON.parse(env.RECAP_CONFIG ?? "")).toEqual(overrides);
  });

  test("the event source mapping comes from the plan", () => {
    for (const q of plan.queues) {
      const source = eventSourceSchema.parse(
        JSON.parse(workerEnvironment(q.service, context).RECAP_EVENT_SOURCE ?? ""),
      );
      expect(source).toEqual({
        queueUrl: `http://q/${q.name}`,
        queueArn: `arn:aws:sqs:us-east-1:000000000000:${q.name}`,
        batchSize: q.batchSize,
        batchWindowSeconds: q.batchWindowSeconds,
        timeoutSeconds: q.timeoutSeconds,
      });
    }
  });
});
