import { type Message, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";

/** SQS hands out ten messages per receive at most. */
const RECEIVE_MAX = 10;
/** The pause between empty short polls in the window's last fraction of a second. */
const SHORT_POLL_PAUSE_MS = 50;

export interface BatchSource {
  sqs: SQSClient;
  queueUrl: string;
  batchSize: number;
  batchWindowSeconds: number;
  /** Long-poll wait for the first message. */
  waitSeconds: number;
  signal: AbortSignal;
}

/**
 * What Lambda's event source does before each invocation: wait for a first message, then keep receiving
 * until the batch is full or the batching window, counted from that first message, has closed.
 */
export async function gatherBatch(source: BatchSource): Promise<Message[]> {
  const batch = await receive(source, source.batchSize, source.waitSeconds);
  if (batch.length === 0) return batch;
  const closes = Date.now() + source.batchWindowSeconds * 1000;
  while (batch.length < source.batchSize && !source.signal.aborted) {
    const left = closes - Date.now();
    if (left <= 0) break;
    // A receive is never cut short (that could hide messages for a whole visibility timeout), so long
    // polls wait only the whole seconds left in the window; its last fraction is short polls.
    const more = await receive(source, source.batchSize - batch.length, Math.floor(left / 1000));
    batch.push(...more);
    if (more.length === 0 && left < 1000) await sleep(Math.min(left, SHORT_POLL_PAUSE_MS));
  }
  return batch;
}

async function receive(source: BatchSource, wanted: number, waitSeconds: number): Promise<Message[]> {
  const received = await source.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: source.queueUrl,
      MaxNumberOfMessages: Math.min(wanted, RECEIVE_MAX),
      WaitTimeSeconds: waitSeconds,
      MessageAttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
    }),
  );
  return received.Messages ?? [];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
