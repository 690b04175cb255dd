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
 * A subscriber of our own on the topics under test, with no filter: it sees every event exactly as a
 * Recap user's subscription would. Tests wait for outcomes on it instead of sleeping.
 */
export class Tap {
  readonly events: Envelope[] = [];
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  private constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  static async on(clients: { sns: SNSClient; sqs: SQSClient }, topicArns: string[]): Promise<Tap> {
    const name = `Tap${crypto.randomUUID().slice(0, 8)}`;
    const created = await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
    const queueUrl = created.QueueUrl ?? "";
    const attributes = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
    );
    for (const topicArn of topicArns) {
      await clients.sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: "sqs",
          Endpoint: attributes.Attributes?.QueueArn,
          Attributes: { RawMessageDelivery: "true" },
        }),
      );
    }
    return new Tap(clients.sqs, queueUrl);
  }

  ofType(type: string): Envelope[] {
    return this.events.filter((event) => event.type === type);
  }

  /** Drains the tap until `done` holds, or fails after `withinMs` saying what it saw. */
  async until(done: (tap: Tap) => boolean, withinMs = 30_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!done(this)) {
      if (Date.now() > deadline) {
        const seen = this.events.map((e) => `${e.type}:${e.correlationId}`).slice(-20);
        throw new Error(
          `condition not met within ${withinMs} ms; ${this.events.length} events, last: ${seen}`,
        );
      }
      await this.drain();
    }
  }

  async drain(): Promise<void> {
    const { Messages = [] } = await this.#sqs.send(
      new ReceiveMessageCommand({ QueueUrl: this.#queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) return;
    for (const message of Messages) this.events.push(JSON.parse(message.Body ?? "{}") as Envelope);
    await this.#sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.#queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
  }
}
