import { BedrockClient, CreateModelInvocationJobCommand } from "@aws-sdk/client-bedrock";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { bedrockJobStateChangeSchema } from "@recap/shared";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

let env: TestStack;
beforeAll(async () => {
  // No workers: the test reads status-watcher's queue itself, as EventBridge would fill it on AWS.
  env = await startTestStack({ services: [], bedrockTiming: { scale: 0 } });
});
afterAll(() => env?.stop());

test("the local Bedrock runs a job from the stack's bucket and routes its state changes to status-watcher's queue", async () => {
  const { endpoints } = env.stack;
  const lines = Array.from({ length: 100 }, (_, i) =>
    JSON.stringify({
      recordId: `rec${String(i).padStart(8, "0")}`,
      modelInput: {
        anthropic_version: "bedrock-2023-05-31",
        max_tokens: 200,
        messages: [
          { role: "user", content: `Summarize:\nAgent: Hello.\nCustomer: My invoice ${i} is wrong.` },
        ],
      },
    }),
  );
  await env.s3.send(
    new PutObjectCommand({ Bucket: endpoints.bucket, Key: "shards/e2e/input.jsonl", Body: lines.join("\n") }),
  );
  const bedrock = new BedrockClient({
    region: endpoints.region,
    endpoint: endpoints.bedrockEndpoint,
    credentials: endpoints.credentials,
  });
  const { jobArn } = await bedrock.send(
    new CreateModelInvocationJobCommand({
      jobName: "e2e-routing",
      roleArn: "arn:aws:iam::000000000000:role/recap-local-batch",
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://${endpoints.bucket}/shards/e2e/input.jsonl` } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${endpoints.bucket}/outputs/` } },
    }),
  );
  bedrock.destroy();

  const statuses: string[] = [];
  const deadline = Date.now() + 30_000;
  while (!statuses.includes("Completed") && Date.now() < deadline) {
    const { Messages = [] } = await env.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: endpoints.queues.StatusWatcherQueue,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of Messages) {
      // status-watcher's schedule ticks share the queue (a slow machine lets one arrive mid-job): skip them.
      const body = JSON.parse(message.Body ?? "");
      if (body.source === "aws.bedrock") {
        const change = bedrockJobStateChangeSchema.parse(body);
        if (change.detail.batchJobArn === jobArn) statuses.push(change.detail.status);
      }
      await env.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: endpoints.queues.StatusWatcherQueue,
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
    }
  }
  // SQS standard queues do not promise order; the set of statuses is what must arrive.
  expect([...statuses].sort()).toEqual(["Completed", "InProgress", "Scheduled", "Submitted", "Validating"]);
});
