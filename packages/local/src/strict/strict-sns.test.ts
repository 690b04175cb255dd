import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateTopicCommand,
  type MessageAttributeValue,
  PublishBatchCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { FauxqsServer } from "fauxqs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLoopbackFauxqs } from "../loopback-fauxqs.ts";
import type { LoopbackFront } from "./loopback-front.ts";
import { startStrictSns } from "./strict-sns.ts";

const config = { region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
let fauxqs: FauxqsServer;
let front: LoopbackFront;
let sns: SNSClient;
let sqs: SQSClient;
const told: string[] = [];

beforeAll(async () => {
  fauxqs = await startLoopbackFauxqs({ port: 0 });
  front = await startStrictSns({ target: `http://127.0.0.1:${fauxqs.port}`, onStrict: (l) => told.push(l) });
  // maxAttempts 1: a refusal must be the answer, not something a retry got past.
  sns = new SNSClient({ ...config, endpoint: front.endpoint, maxAttempts: 1 });
  sqs = new SQSClient({ ...config, endpoint: front.endpoint });
});
afterAll(async () => {
  sns?.destroy();
  sqs?.destroy();
  await front?.stop();
  await fauxqs?.stop();
});

let topics = 0;
/** A topic with one SQS subscription, raw (as every Recap subscription is) unless told otherwise. */
async function topicWithQueue(raw = true): Promise<{ topicArn: string; queueUrl: string }> {
  const name = `strict-${++topics}`;
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  await sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: "sqs",
      Endpoint: Attributes?.QueueArn,
      Attributes: { RawMessageDelivery: String(raw) },
    }),
  );
  return { topicArn: TopicArn ?? "", queueUrl: QueueUrl ?? "" };
}

/** Everything the queue holds, read until a receive comes back empty. */
async function drain(queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ["All"],
      }),
    );
    if (Messages.length === 0) return all;
    all.push(...Messages);
  }
}

const attributes = (count: number, valueLength = 1): Record<string, MessageAttributeValue> =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `a${i}`,
      { DataType: "String", StringValue: "v".repeat(valueLength) },
    ]),
  );

async function refusal(send: Promise<unknown>) {
  const error = (await send.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!error) throw new Error("expected SNS to refuse the request");
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

describe("PublishBatch", () => {
  test("eleven entries: TooManyEntriesInBatchRequest, and none is delivered", async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const entries = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: `m${i}` }));
    expect(
      await refusal(
        sns.send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries })),
      ),
    ).toEqual({
      name: "TooManyEntriesInBatchRequestException",
      message: "The batch request contains more entries than permissible.",
      status: 400,
    });
    expect(await drain(queueUrl)).toEqual([]);
  });

  test("entries each within the limit but over 262,144 bytes together: BatchRequestTooLong, none delivered", async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    // Ten summary.ready-sized events of ~26 KB with a 1 KB attribute: 10 × 27,148 = 271,480 bytes.
    const entries = Array.from({ length: 10 }, (_, i) => ({
      Id: `e${i}`,
      Message: "x".repeat(26_000),
      MessageAttributes: { tenant: { DataType: "String", StringValue: "t".repeat(1_136) } },
    }));
    expect(
      await refusal(
        sns.send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries })),
      ),
    ).toEqual({
      name: "BatchRequestTooLongException",
      message: "The length of all the batch messages put together is more than the limit.",
      status: 400,
    });
    expect(await drain(queueUrl)).toEqual([]);
    expect(told).toContain("PublishBatch refused: BatchRequestTooLong");
  });

  test("attributes count toward the batch's bytes: bodies of exactly 262,144 bytes plus one attribute are refused", async () => {
    const { topicArn } = await topicWithQueue();
    const half = 262_144 / 2;
    const first = { Id: "a", Message: "x".repeat(half) };
    const second = { Id: "b", Message: "y".repeat(half) };
    const bodiesOnly = [first, second];
    const sent = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: bodiesOnly }),
    );
    expect(sent.Successful).toHaveLength(2);
    const withAttribute = [
      first,
      { ...second, MessageAttributes: { k: { DataType: "String", StringValue: "v" } } },
    ];
    expect(
      (
        await refusal(
          sns.send(
            new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: withAttribute }),
          ),
        )
      ).name,
    ).toBe("BatchRequestTooLongException");
  });

  test("ten entries within 262,144 bytes pass and are delivered with their attributes", async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const entries = Array.from({ length: 10 }, (_, i) => ({
      Id: `e${i}`,
      Message: `ünïcode ${i} ${"z".repeat(20_000)}`,
      MessageAttributes: attributes(10),
    }));
    const sent = await sns.send(
      new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }),
    );
    expect(sent.Successful?.map((s) => s.Id).sort()).toEqual(entries.map((e) => e.Id).sort());
    const received = await drain(queueUrl);
    expect(received.map((m) => m.Body).sort()).toEqual(entries.map((e) => e.Message).sort());
    expect(Object.keys(received[0]?.MessageAttributes ?? {})).toHaveLength(10);
  });

  test("an entry with eleven attributes is accepted, as SNS accepts it, and never reaches the raw SQS subscription", async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const sent = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: "eleven", Message: "dropped", MessageAttributes: attributes(11) },
          { Id: "ten", Message: "delivered", MessageAttributes: attributes(10) },
          { Id: "none", Message: "also delivered" },
        ],
      }),
    );
    expect(sent.Successful?.map((s) => s.Id).sort()).toEqual(["eleven", "none", "ten"]);
    expect(sent.Successful?.every((s) => s.MessageId)).toBe(true);
    expect((await drain(queueUrl)).map((m) => m.Body).sort()).toEqual(["also delivered", "delivered"]);
  });
});

describe("Publish", () => {
  test("a message over 262,144 bytes with its attributes: InvalidParameter, Message too long", async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const attribute = { type: { DataType: "String", StringValue: "summary.ready" } };
    // 262,144 - 10 body bytes + 4 + 6 + 13 attribute bytes: over by 13, though the body alone is within.
    const send = sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: "x".repeat(262_134), MessageAttributes: attribute }),
    );
    expect(await refusal(send)).toEqual({
      name: "InvalidParameterException",
      message: "Invalid parameter: Message too long",
      status: 400,
    });
    expect(await drain(queueUrl)).toEqual([]);
  });

  test("a message of exactly 262,144 bytes with its attributes is delivered", async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    // Multi-byte characters: 3 bytes each, so the limit is in bytes, not characters.
    const body = "€".repeat(87_000) + "x".repeat(262_144 - 87_000 * 3 - 23);
    const attribute = { type: { DataType: "String", StringValue: "summary.ready" } };
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: body, MessageAttributes: attribute }));
    const [received] = await drain(queueUrl);
    expect(received?.Body).toBe(body);
  });

  test("eleven attributes: a MessageId, and nothing at the raw SQS subscription", async () => {
    const { topicArn, queueUrl } = await topicWithQueue();
    const sent = await sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: "m", MessageAttributes: attributes(11) }),
    );
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await drain(queueUrl)).toEqual([]);
  });

  test("eleven attributes reach a subscription without raw delivery, in the envelope", async () => {
    const { topicArn, queueUrl } = await topicWithQueue(false);
    await sns.send(
      new PublishCommand({ TopicArn: topicArn, Message: "m", MessageAttributes: attributes(11) }),
    );
    const [received] = await drain(queueUrl);
    expect(Object.keys(JSON.parse(received?.Body ?? "{}").MessageAttributes)).toHaveLength(11);
  });
});

describe("everything else passes untouched", () => {
  test("SQS: a queue URL names the front, and messages go and come back", async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "plain" }));
    expect(new URL(QueueUrl ?? "").port).toBe(String(front.port));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "hello" }));
    expect((await drain(QueueUrl ?? "")).map((m) => m.Body)).toEqual(["hello"]);
  });

  test("S3: an 8 MB object is put and read back whole", async () => {
    const s3 = new S3Client({ ...config, endpoint: front.endpoint, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "strict-bucket" }));
    const Body = Buffer.alloc(8 * 1024 * 1024, "r");
    await s3.send(new PutObjectCommand({ Bucket: "strict-bucket", Key: "big", Body }));
    const got = await s3.send(new GetObjectCommand({ Bucket: "strict-bucket", Key: "big" }));
    expect(Buffer.from((await got.Body?.transformToByteArray()) ?? []).equals(Body)).toBe(true);
    s3.destroy();
  });
});
