import { type SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

/** A queue of the bench's own, subscribed to a topic with raw delivery, as a user's subscriber would be. */
export class BenchQueue {
  received = 0;
  readonly #sqs: SQSClient;
  readonly #url: string;

  private constructor(sqs: SQSClient, url: string) {
    this.#sqs = sqs;
    this.#url = url;
  }

  static async subscribed(
    sns: SNSClient,
    sqs: SQSClient,
    name: string,
    topicArn: string,
    filter?: Record<string, string[]>,
  ): Promise<BenchQueue> {
    const { QueueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: "sqs",
        Endpoint: Attributes?.QueueArn,
        Attributes: {
          RawMessageDelivery: "true",
          ...(filter ? { FilterPolicy: JSON.stringify(filter) } : {}),
        },
      }),
    );
    return new BenchQueue(sqs, QueueUrl);
  }

  /** Receives and deletes, ten at a time, until `done` holds; each body is handed to `seen` as JSON. */
  async consumeUntil(done: () => boolean, seen?: (event: { data: unknown }) => void): Promise<void> {
    while (!done()) {
      const { Messages = [] } = await this.#sqs.send(
        new ReceiveMessageCommand({ QueueUrl: this.#url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      if (Messages.length === 0) continue;
      this.received += Messages.length;
      if (seen) for (const m of Messages) seen(JSON.parse(m.Body ?? "{}"));
      await this.#sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.#url,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  }
}
