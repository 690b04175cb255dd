import { Logger } from "@aws-lambda-powertools/logger";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { PoisonMessageError } from "@recap/shared";
import { createSqsHandler, parkInDeadLetters } from "@recap/shared/runtime";
import type { FauxqsServer } from "fauxqs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLoopbackFauxqs } from "./loopback-fauxqs.ts";
import { toSqsEvent } from "./sqs-event.ts";

let fauxqs: FauxqsServer;
let sqs: SQSClient;
beforeAll(async () => {
  fauxqs = await startLoopbackFauxqs({ port: 0 });
  sqs = new SQSClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${fauxqs.port}`,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
});
afterAll(async () => {
  sqs?.destroy();
  await fauxqs?.stop();
});

async function queue(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url = "" } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
  );
  return { url, arn: Attributes?.QueueArn ?? "" };
}

async function receiveOne(url: string): Promise<Message> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ["All"],
    }),
  );
  expect(Messages).toHaveLength(1);
  return Messages[0] as Message;
}

describe("poison parked in a dead-letter queue", () => {
  test("keeps its body and every attribute, binary ones byte for byte, and gains the reason", async () => {
    const source = await queue("PoisonSourceQueue");
    const deadLetters = await queue("PoisonSourceDLQ");
    const bytes = Uint8Array.from([0, 1, 2, 254, 255, 10, 13]);
    const sent: Record<string, MessageAttributeValue> = {
      type: { DataType: "String", StringValue: "transcript.submitted" },
      attempt: { DataType: "Number", StringValue: "3" },
      signature: { DataType: "Binary", BinaryValue: bytes },
      trace: { DataType: "Binary.gzip", BinaryValue: Uint8Array.from([31, 139, 8]) },
    };
    await sqs.send(
      new SendMessageCommand({ QueueUrl: source.url, MessageBody: "not json {", MessageAttributes: sent }),
    );

    // The path a local worker takes: receive, shape as Lambda would, decode fails as poison, park.
    const handler = createSqsHandler({
      logger: new Logger({ serviceName: "test", logLevel: "SILENT" }),
      decode: () => {
        throw new PoisonMessageError("body is not JSON", "not-json");
      },
      handle: async () => {},
      onPoison: parkInDeadLetters(sqs, () => deadLetters.url),
    });
    const response = await handler(toSqsEvent([await receiveOne(source.url)], source.arn, "us-east-1"));
    expect(response.batchItemFailures).toEqual([]);

    const parked = await receiveOne(deadLetters.url);
    expect(parked.Body).toBe("not json {");
    const attributes = parked.MessageAttributes ?? {};
    expect(Object.keys(attributes).sort()).toEqual(
      ["attempt", "recap.poisonMessage", "recap.poisonReason", "signature", "trace", "type"].sort(),
    );
    expect(attributes.type).toMatchObject({ DataType: "String", StringValue: "transcript.submitted" });
    expect(attributes.attempt).toMatchObject({ DataType: "Number", StringValue: "3" });
    expect(attributes.signature?.DataType).toBe("Binary");
    expect([...(attributes.signature?.BinaryValue ?? [])]).toEqual([...bytes]);
    expect(attributes.trace?.DataType).toBe("Binary.gzip");
    expect([...(attributes.trace?.BinaryValue ?? [])]).toEqual([31, 139, 8]);
    expect(attributes["recap.poisonReason"]?.StringValue).toBe("not-json");
  });
});
