import { type SNSClient, SubscribeCommand, UnsubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { catalogue, type RecapEvent } from "@recap/shared";

export type SummaryReady = RecapEvent<"summary.ready">;
export type SummaryFailed = RecapEvent<"summary.failed">;
export type TranscriptRejected = RecapEvent<"transcript.rejected">;

export interface SummariesSubscription {
  sns: SNSClient;
  sqs: SQSClient;
  /** The Summaries topic's ARN. */
  topicArn: string;
  /** The queue to create (or reuse); a random name by default. */
  queueName?: string;
  /** An SNS filter policy on the message attributes, e.g. `{ profile: ["notebook"], resolution: ["unresolved"] }`. */
  filter?: Record<string, unknown[]>;
  onSummary: (event: SummaryReady) => Promise<void> | void;
  onFailure?: (event: SummaryFailed) => Promise<void> | void;
  onRejected?: (event: TranscriptRejected) => Promise<void> | void;
  /** A message no handler could take (the handler threw): it stays queued and is offered again. */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Stops polling, unsubscribes, and deletes the queue (unless it was named: a named queue is kept). */
  close(): Promise<void>;
}

/**
 * Creates the queue, its policy letting the topic deliver to it, and a filtered raw-delivery subscription;
 * then long-polls, decodes each message with its event schema, hands it to the handler, and deletes it once
 * the handler returned. A handler that throws leaves the message for another attempt. Delivery is
 * at-least-once: a repeat carries the same event id.
 */
export async function subscribeToSummaries(options: SummariesSubscription): Promise<Subscription> {
  const { sns, sqs } = options;
  const queueName = options.queueName ?? `recap-summaries-${crypto.randomUUID().slice(0, 8)}`;
  const { QueueUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  const queueArn = Attributes?.QueueArn ?? "";
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl,
      Attributes: { Policy: JSON.stringify(queuePolicy(queueArn, options.topicArn)) },
    }),
  );
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({
      TopicArn: options.topicArn,
      Protocol: "sqs",
      Endpoint: queueArn,
      ReturnSubscriptionArn: true,
      Attributes: {
        RawMessageDelivery: "true",
        ...(options.filter ? { FilterPolicy: JSON.stringify(options.filter) } : {}),
      },
    }),
  );
  const stop = new AbortController();
  const polling = (async () => {
    while (!stop.signal.aborted) {
      const { Messages = [] } = await sqs
        .send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }), {
          abortSignal: stop.signal,
        })
        .catch((error) => {
          if (stop.signal.aborted) return { Messages: [] };
          throw error;
        });
      for (const message of Messages) {
        try {
          await dispatch(options, JSON.parse(message.Body ?? ""));
          await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
        } catch (error) {
          options.onError?.(error);
        }
      }
    }
  })();
  return {
    async close() {
      stop.abort();
      await polling;
      if (SubscriptionArn) await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
      if (!options.queueName) await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    },
  };
}

async function dispatch(options: SummariesSubscription, body: unknown): Promise<void> {
  const type = (body as { type?: string }).type;
  if (type === "summary.ready") return options.onSummary(catalogue["summary.ready"].schema.parse(body));
  if (type === "summary.failed") return options.onFailure?.(catalogue["summary.failed"].schema.parse(body));
  if (type === "transcript.rejected")
    return options.onRejected?.(catalogue["transcript.rejected"].schema.parse(body));
}

/** Only this topic may send to the queue: what SNS needs on AWS, harmless locally. */
function queuePolicy(queueArn: string, topicArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
      },
    ],
  };
}
