import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { toSqsEvent } from "./sqs-event.ts";

export type LambdaSqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface PollOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  functionName: string;
  batchSize: number;
  timeoutSeconds: number;
  handler: LambdaSqsHandler;
  signal: AbortSignal;
  /** Long-poll wait; short enough that a stop request is honoured promptly. */
  waitSeconds?: number;
}

/**
 * What Lambda's SQS event source mapping does, on one machine: long-poll, hand the batch to the handler,
 * delete what succeeded. Failed records, or the whole batch when the handler throws, are left alone: they
 * reappear after the visibility timeout and reach the dead-letter queue after maxReceiveCount receives.
 */
export async function pollQueue(options: PollOptions): Promise<void> {
  const { sqs, queueUrl, signal } = options;
  while (!signal.aborted) {
    // Never aborted mid-request: a receive cut short could leave messages invisible for a full timeout.
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: options.batchSize,
        WaitTimeSeconds: options.waitSeconds ?? 2,
        MessageAttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) continue;
    const event = toSqsEvent(messages, options.queueArn, options.region);
    const failed = await invoke(options, event);
    const done = messages.filter((m) => m.MessageId && !failed.has(m.MessageId));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
  }
}

/** The ids of the records to leave on the queue. */
async function invoke(options: PollOptions, event: SQSEvent): Promise<Set<string>> {
  const all = new Set(event.Records.map((r) => r.messageId));
  try {
    const response = await options.handler(event, lambdaContext(options));
    return new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  } catch {
    return all;
  }
}

function lambdaContext(options: PollOptions): Context {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const requestId = crypto.randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${options.region}:000000000000:function:${options.functionName}`,
    memoryLimitInMB: "0",
    awsRequestId: requestId,
    logGroupName: `/recap/local/${options.functionName}`,
    logStreamName: requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
