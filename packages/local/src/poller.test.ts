import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLoopbackFauxqs } from "./loopback-fauxqs.ts";
import { HandlerTimeoutError, type LambdaSqsHandler, type PollOptions, pollQueue } from "./poller.ts";

type Server = Awaited<ReturnType<typeof startLoopbackFauxqs>>;
let server: Server;
let sqs: SQSClient;
let queues = 0;

beforeAll(async () => {
  server = await startLoopbackFauxqs({ port: 0 });
  sqs = new SQSClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${server.port}`,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
});
afterAll(async () => {
  sqs?.destroy();
  await server?.stop();
});

/**
 * A fresh queue. Unacknowledged messages come back after `visibilitySeconds`: longer than any batching
 * window under test, or a window would gather its own redeliveries.
 */
async function queue(visibilitySeconds = 30): Promise<string> {
  const created = await sqs.send(
    new CreateQueueCommand({
      QueueName: `poller-${++queues}`,
      Attributes: { VisibilityTimeout: String(visibilitySeconds) },
    }),
  );
  return created.QueueUrl ?? "";
}

async function send(queueUrl: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(i, i + 10).map((body, j) => ({ Id: String(j), MessageBody: body })),
      }),
    );
  }
}

const bodies = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `total` records were handled, recording each invocation's bodies. */
async function pollUntil(
  queueUrl: string,
  total: number,
  settings: Pick<PollOptions, "batchSize" | "batchWindowSeconds">,
  handler: (event: SQSEvent) => Promise<void> = async () => {},
): Promise<string[][]> {
  const batches: string[][] = [];
  const stop = new AbortController();
  const recording: LambdaSqsHandler = async (event) => {
    batches.push(event.Records.map((r) => r.body));
    await handler(event);
    if (batches.flat().length >= total) stop.abort();
    return undefined;
  };
  await pollQueue({
    sqs,
    queueUrl,
    queueArn: "arn:aws:sqs:us-east-1:000000000000:test",
    region: "us-east-1",
    functionName: "test",
    timeoutSeconds: 30,
    handler: recording,
    signal: stop.signal,
    waitSeconds: 1,
    ...settings,
  });
  return batches;
}

describe("pollQueue's batching", () => {
  test("receives repeatedly to fill a batch larger than one receive, and never exceeds batchSize", async () => {
    const url = await queue();
    await send(url, bodies("m", 25));
    const batches = await pollUntil(url, 25, { batchSize: 20, batchWindowSeconds: 2 });
    expect(batches.map((b) => b.length)).toEqual([20, 5]);
    expect(new Set(batches.flat()).size).toBe(25);
  });

  test("gathers what arrives within the window after the first message, then invokes with fewer", async () => {
    const url = await queue();
    const polling = pollUntil(url, 7, { batchSize: 50, batchWindowSeconds: 1.5 });
    await send(url, bodies("early", 2));
    await sleep(400);
    await send(url, bodies("within", 3));
    // Well after the window that opened with the first message has closed.
    await sleep(2_600);
    await send(url, bodies("late", 2));
    const batches = await polling;
    expect(batches.map((b) => b.length)).toEqual([5, 2]);
    expect(batches[1]).toEqual(expect.arrayContaining(["late-0", "late-1"]));
  });

  test("without a window, one receive is one invocation", async () => {
    const url = await queue();
    await send(url, bodies("m", 10));
    const batches = await pollUntil(url, 10, { batchSize: 10, batchWindowSeconds: 0 });
    expect(batches.map((b) => b.length)).toEqual([10]);
  });
});

describe("pollQueue's acknowledgements", () => {
  test("deletes what succeeded and leaves a reported failure to reappear", async () => {
    const url = await queue(1);
    await send(url, ["ok-1", "fails", "ok-2"]);
    const stop = new AbortController();
    await pollQueue({
      sqs,
      queueUrl: url,
      queueArn: "arn:aws:sqs:us-east-1:000000000000:test",
      region: "us-east-1",
      functionName: "test",
      batchSize: 10,
      batchWindowSeconds: 0.5,
      timeoutSeconds: 30,
      signal: stop.signal,
      waitSeconds: 1,
      handler: async (event) => {
        stop.abort();
        const failed = event.Records.filter((r) => r.body === "fails");
        return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    const again = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 3 }),
    );
    expect((again.Messages ?? []).map((m) => m.Body)).toEqual(["fails"]);
  });

  test("a handler that outlives its timeout is abandoned: the loop rejects and nothing is deleted", async () => {
    const url = await queue(1);
    await send(url, bodies("slow", 3));
    const never = new Promise<undefined>(() => {});
    const polling = pollQueue({
      sqs,
      queueUrl: url,
      queueArn: "arn:aws:sqs:us-east-1:000000000000:test",
      region: "us-east-1",
      functionName: "slow",
      batchSize: 10,
      batchWindowSeconds: 0.5,
      timeoutSeconds: 1,
      signal: new AbortController().signal,
      waitSeconds: 1,
      handler: () => never,
    });
    await expect(polling).rejects.toBeInstanceOf(HandlerTimeoutError);
    await expect(polling).rejects.toThrow("slow timed out after 1 s with 3 records; none deleted");

    const back: string[] = [];
    const deadline = Date.now() + 10_000;
    while (back.length < 3 && Date.now() < deadline) {
      const again = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 2,
          MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }),
      );
      for (const m of again.Messages ?? []) {
        expect(m.Attributes?.ApproximateReceiveCount).toBe("2");
        back.push(m.Body ?? "");
      }
    }
    expect(back.sort()).toEqual(bodies("slow", 3));
  });
});
