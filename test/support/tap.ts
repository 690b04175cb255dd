import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { TopicFeed } from "@recap/local/topic-feed";
import type { Envelope } from "@recap/shared";

/**
 * A subscriber of our own on the topics under test, with no filter: it sees every event exactly as a
 * Recap user's subscription would. Tests wait for outcomes on it instead of sleeping.
 */
export class Tap {
  readonly events: Envelope[] = [];
  readonly #feed: TopicFeed;

  private constructor(feed: TopicFeed) {
    this.#feed = feed;
  }

  static async on(clients: { sns: SNSClient; sqs: SQSClient }, topicArns: string[]): Promise<Tap> {
    const name = `Tap${crypto.randomUUID().slice(0, 8)}`;
    return new Tap(await TopicFeed.subscribed(clients.sns, clients.sqs, name, topicArns));
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
    this.events.push(...(await this.#feed.receive()));
  }
}
