import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";

export interface ParkedMessage {
  messageId: string;
  /** SQS's ApproximateReceiveCount: on AWS it goes on counting from the source queue's receives. */
  receiveCount: number;
  sentAt?: string;
  /** The Recap event it carries, when it is one (what most parked messages are). */
  event?: { type: string; id: string; correlationId?: string };
  body: string;
  attributes: Message["MessageAttributes"];
}

/**
 * A peeked message is hidden this long, then visible again by itself. No ChangeMessageVisibility to release
 * it sooner: fauxqs 2.4 with persistence fails that call on a NOT NULL column after it has already taken the
 * message out of flight, and the message is gone until the emulator restarts.
 */
export const PEEK_SECONDS = 3;
/** Long enough to send a received message on and delete it. */
const MOVE_SECONDS = 30;

/**
 * Reads up to `limit` messages of a dead-letter queue without taking them: each is received, hidden for
 * PEEK_SECONDS so one listing sees each once, and left to come back. A listing longer than that sees messages
 * again: they are counted once, and a receive that brings nothing new ends it.
 */
export async function peekParked(sqs: SQSClient, queueUrl: string, limit: number): Promise<ParkedMessage[]> {
  const seen = new Map<string, Message>();
  while (seen.size < limit) {
    const { Messages = [] } = await sqs.send(
      receive(queueUrl, Math.min(10, limit - seen.size), PEEK_SECONDS),
    );
    const fresh = Messages.filter((m) => !seen.has(m.MessageId ?? ""));
    if (fresh.length === 0) break;
    for (const message of fresh) seen.set(message.MessageId ?? "", message);
  }
  return [...seen.values()].map(parkedOf);
}

/**
 * Moves parked messages back to the queue they came from, as they are (body and every attribute, binary
 * ones included): send first, then delete, so a crash in between leaves a copy in both places, never in
 * neither. Recap's handlers are idempotent, so a copy is harmless. fauxqs has no StartMessageMoveTask, and on
 * AWS this is the same move done by hand.
 */
export async function redriveParked(
  sqs: SQSClient,
  from: string,
  to: string,
  max: number,
  onMoved: (message: ParkedMessage) => void = () => {},
): Promise<number> {
  let moved = 0;
  // A message a listing just peeked is hidden for PEEK_SECONDS: wait that out rather than stop short.
  const patience = Date.now() + (PEEK_SECONDS + 2) * 1000;
  while (moved < max) {
    const { Messages = [] } = await sqs.send(receive(from, Math.min(10, max - moved), MOVE_SECONDS));
    if (Messages.length === 0) {
      if (Date.now() < patience && (await hiddenCount(sqs, from)) > 0) continue;
      break;
    }
    for (const message of Messages) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: to,
          MessageBody: message.Body ?? "",
          ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length > 0
            ? { MessageAttributes: message.MessageAttributes }
            : {}),
        }),
      );
      await sqs.send(new DeleteMessageCommand({ QueueUrl: from, ReceiptHandle: message.ReceiptHandle }));
      moved += 1;
      onMoved(parkedOf(message));
    }
  }
  return moved;
}

async function hiddenCount(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

function receive(queueUrl: string, max: number, visibility: number) {
  return new ReceiveMessageCommand({
    QueueUrl: queueUrl,
    MaxNumberOfMessages: max,
    VisibilityTimeout: visibility,
    WaitTimeSeconds: 1,
    MessageAttributeNames: ["All"],
    MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
  });
}

function parkedOf(message: Message): ParkedMessage {
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId ?? "",
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
    ...eventOf(message.Body ?? ""),
    body: message.Body ?? "",
    attributes: message.MessageAttributes,
  };
}

/** A parked body is a Recap event, an SNS envelope around one, or (poison) anything at all. */
function eventOf(body: string): { event?: ParkedMessage["event"] } {
  try {
    let value = JSON.parse(body) as Record<string, unknown>;
    if (value.Type === "Notification" && typeof value.Message === "string") value = JSON.parse(value.Message);
    if (typeof value.type === "string" && typeof value.id === "string")
      return {
        event: {
          type: value.type,
          id: value.id,
          ...(typeof value.correlationId === "string" ? { correlationId: value.correlationId } : {}),
        },
      };
  } catch {
    // Not JSON: poison, shown as it is.
  }
  return {};
}
