import { DeleteMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { gatherBatch } from "./batch-window.ts";
import { toSqsEvent } from "./sqs-event.ts";

export type LambdaSqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface PollOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  functionName: string;
  batchSize: number;
  batchWindowSeconds: number;
  timeoutSeconds: number;
  handler: LambdaSqsHandler;
  signal: AbortSignal;
  /** Long-poll wait; short enough that a stop request is honoured promptly. */
  waitSeconds?: number;
}

/** A handler ran past its timeout; its batch was left on the queue and the instance must go. */
export class HandlerTimeoutError extends Error {
  override readonly name = "HandlerTimeoutError";
}

/** DeleteMessageBatch takes ten entries at most. */
const DELETE_MAX = 10;
const TIMED_OUT = Symbol("timed out");

/**
 * What Lambda's SQS event source mapping does, on one machine: gather a batch, hand it to the handler,
 * delete what succeeded. Failed records, or the whole batch when the handler throws, are left alone: they
 * reappear after the visibility timeout and reach the dead-letter queue after maxReceiveCount receives.
 * A handler that outlives its timeout rejects the loop with HandlerTimeoutError, deleting nothing.
 */
export async function pollQueue(options: PollOptions): Promise<void> {
  const { sqs, queueUrl, signal } = options;
  while (!signal.aborted) {
    // Never aborted mid-request: a receive cut short could leave messages invisible for a full timeout.
    const messages = await gatherBatch({ ...options, waitSeconds: options.waitSeconds ?? 2 });
    if (messages.length === 0) continue;
    const failed = await invoke(options, toSqsEvent(messages, options.queueArn, options.region));
    const done = messages.filter((m) => m.MessageId && !failed.has(m.MessageId));
    for (let i = 0; i < done.length; i += DELETE_MAX) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.slice(i, i + DELETE_MAX).map((m, j) => ({
            Id: String(j),
            ReceiptHandle: m.ReceiptHandle,
          })),
        }),
      );
    }
  }
}

/** The ids of the records to leave on the queue. */
async function invoke(options: PollOptions, event: SQSEvent): Promise<Set<string>> {
  const all = new Set(event.Records.map((r) => r.messageId));
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), deadline - Date.now());
  });
  const run = Promise.resolve()
    .then(() => options.handler(event, lambdaContext(options, deadline)))
    .then(
      (response) => new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier)),
      () => all,
    );
  const outcome = await Promise.race([run, timedOut]);
  clearTimeout(timer);
  if (outcome === TIMED_OUT) {
    throw new HandlerTimeoutError(
      `${options.functionName} timed out after ${options.timeoutSeconds} s with ${all.size} records; none deleted`,
    );
  }
  return outcome;
}

function lambdaContext(options: PollOptions, deadline: number): Context {
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
