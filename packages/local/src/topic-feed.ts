import { type SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { Envelope } from "@recap/shared";

/**
 * A queue of its own, subscribed to topics with raw delivery, as a user's subscriber would be: how the demo
 * and the benches hear the pipeline.
 */
export class TopicFeed {
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
    topicArns: string[],
    filter?: Record<string, string[]>,
  ): Promise<TopicFeed> {
    const { QueueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    for (const TopicArn of topicArns)
      await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: "sqs",
          Endpoint: Attributes?.QueueArn,
          Attributes: {
            RawMessageDelivery: "true",
            ...(filter ? { FilterPolicy: JSON.stringify(filter) } : {}),
          },
        }),
      );
    return new TopicFeed(sqs, QueueUrl);
  }

  /** Receives and deletes, ten at a time, until `done` holds; each body is handed to `seen` as JSON. */
  async consumeUntil(done: () => boolean, seen?: (event: Envelope) => void): Promise<void> {
    while (!done()) {
      const events = await this.receive();
      if (seen) for (const event of events) seen(event);
    }
  }

  /** One long poll (up to a second): the events received, already deleted from the queue. */
  async receive(): Promise<Envelope[]> {
    const { Messages = [] } = await this.#sqs.send(
      new ReceiveMessageCommand({ QueueUrl: this.#url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) return [];
    this.received += Messages.length;
    await this.#sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.#url,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    return Messages.map((m) => JSON.parse(m.Body ?? "{}") as Envelope);
  }
}
