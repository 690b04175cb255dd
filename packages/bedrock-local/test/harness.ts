import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  type CreateModelInvocationJobCommandInput,
  GetModelInvocationJobCommand,
  type GetModelInvocationJobCommandOutput,
} from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startLoopbackFauxqs } from "@recap/local/loopback-fauxqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { type BedrockLocal, type BedrockLocalOptions, startBedrockLocal } from "../src/server.ts";

export const BUCKET = "batch-contract";
export const ROLE_ARN = "arn:aws:iam::000000000000:role/recap-batch";
export const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const region = "us-east-1";
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

export interface Harness {
  bedrock: BedrockLocal;
  /** The real control-plane client; no retries, so faults are seen as they are. */
  client: BedrockClient;
  runtime: BedrockRuntimeClient;
  s3: S3Client;
  /** fauxqs's endpoint, for an emulator started in another process. */
  s3Endpoint: string;
  events: Array<{ detail: { batchJobArn: string; status: string; failureMessage?: string } }>;
  /** Stops the emulator and starts a new one on the same S3 (the events seen so far are forgotten). */
  restart(options?: Partial<BedrockLocalOptions>): Promise<void>;
  stop(): Promise<void>;
}

/** fauxqs for S3 and the emulator, both on loopback, with state-change events collected in order. */
export async function startHarness(options: Partial<BedrockLocalOptions> = {}): Promise<Harness> {
  const fauxqs = await startLoopbackFauxqs({ port: 0 });
  const s3 = new S3Client({
    region,
    credentials,
    endpoint: `http://127.0.0.1:${fauxqs.port}`,
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const events: Harness["events"] = [];
  const start = (own: Partial<BedrockLocalOptions>) =>
    startBedrockLocal({
      port: 0,
      s3,
      timing: { scale: 0 },
      deliverStateChange: async (event) => {
        events.push(event as Harness["events"][number]);
      },
      ...own,
    });
  const clientsOf = (bedrock: BedrockLocal) => ({
    client: new BedrockClient({ region, credentials, endpoint: bedrock.endpoint, maxAttempts: 1 }),
    // bedrock-runtime speaks HTTP/2 by default; the emulator is HTTP/1.1.
    runtime: new BedrockRuntimeClient({
      region,
      credentials,
      endpoint: bedrock.endpoint,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    }),
  });
  const bedrock = await start(options);
  const harness: Harness = {
    bedrock,
    ...clientsOf(bedrock),
    s3,
    s3Endpoint: `http://127.0.0.1:${fauxqs.port}`,
    events,
    async restart(own = options) {
      harness.client.destroy();
      harness.runtime.destroy();
      await harness.bedrock.stop();
      events.length = 0;
      harness.bedrock = await start(own);
      Object.assign(harness, clientsOf(harness.bedrock));
    },
    async stop() {
      harness.client.destroy();
      harness.runtime.destroy();
      await harness.bedrock.stop();
      s3.destroy();
      await fauxqs.stop();
    },
  };
  return harness;
}

/** An Anthropic Messages record, shaped like the reference notebook's. */
export function anthropicRecord(recordId: string, transcript: string) {
  return {
    recordId,
    modelInput: {
      anthropic_version: "bedrock-2023-05-31",
      max_tokens: 300,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: `Write an accurate summary of the following call.\n\n${transcript}` },
          ],
        },
      ],
    },
  };
}

export function call(n: number): string {
  return `Agent: Thank you for calling, how can I help?\nCustomer: My order ${n} arrived damaged and I want a refund.\nAgent: I have issued a refund for order ${n}; you will see it in three days.\nCustomer: Thank you.`;
}

export async function putJsonl(s3: S3Client, key: string, records: unknown[]): Promise<string> {
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: records.map((r) => JSON.stringify(r)).join("\n"),
    }),
  );
  return `s3://${BUCKET}/${key}`;
}

export function records(count: number, prefix = "r") {
  return Array.from({ length: count }, (_, i) =>
    anthropicRecord(`${prefix}${String(i).padStart(6, "0")}`, call(i)),
  );
}

export function createInput(
  name: string,
  inputUri: string,
  overrides: Partial<CreateModelInvocationJobCommandInput> = {},
): CreateModelInvocationJobCommandInput {
  return {
    jobName: name,
    roleArn: ROLE_ARN,
    modelId: HAIKU,
    inputDataConfig: { s3InputDataConfig: { s3Uri: inputUri, s3InputFormat: "JSONL" } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/outputs/` } },
    timeoutDurationInHours: 24,
    ...overrides,
  };
}

export async function createJob(h: Harness, input: CreateModelInvocationJobCommandInput): Promise<string> {
  const { jobArn } = await h.client.send(new CreateModelInvocationJobCommand(input));
  if (!jobArn) throw new Error("no jobArn");
  return jobArn;
}

/** Polls GetModelInvocationJob until the job reaches one of `statuses`; fails after `withinMs`. */
export async function waitForStatus(
  h: Harness,
  jobArn: string,
  statuses: string[],
  withinMs = 20_000,
): Promise<GetModelInvocationJobCommandOutput> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const job = await h.client.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    if (job.status && statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`${jobArn} is ${job.status}, not ${statuses.join("|")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function readText(s3: S3Client, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return (await object.Body?.transformToString()) ?? "";
}

export async function listKeys(s3: S3Client, prefix: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key ?? "").sort();
}

export function jobIdOf(jobArn: string): string {
  return jobArn.slice(jobArn.lastIndexOf("/") + 1);
}
