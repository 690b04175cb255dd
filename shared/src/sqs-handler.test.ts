import { Logger } from "@aws-lambda-powertools/logger";
import type { SQSRecord } from "aws-lambda";
import { describe, expect, test } from "vitest";
import { PoisonMessageError, TransientFailureError } from "./errors.ts";
import { createSqsHandler } from "./sqs-handler.ts";

function record(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: "0",
      SenderId: "test",
      ApproximateFirstReceiveTimestamp: "0",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:Test",
    awsRegion: "us-east-1",
  };
}

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });

/** Bodies: "ok", "poison" (fails decoding) or "flaky" (fails handling, retryable). */
function handlerRecording() {
  const handled: string[] = [];
  const poisoned: Array<{ id: string; reason: string }> = [];
  const handler = createSqsHandler({
    logger,
    decode: (r) => {
      if (r.body === "poison") throw new PoisonMessageError("cannot read", "not-json");
      return r.body;
    },
    handle: async (body, r) => {
      if (body === "flaky") throw new TransientFailureError("try later");
      handled.push(r.messageId);
    },
    onPoison: async (r, error) => {
      poisoned.push({ id: r.messageId, reason: error.reason });
    },
  });
  return { handler, handled, poisoned };
}

describe("createSqsHandler", () => {
  test("reports only the records that failed for a retryable reason", async () => {
    const { handler, handled, poisoned } = handlerRecording();
    const response = await handler({
      Records: [record("1", "ok"), record("2", "flaky"), record("3", "poison"), record("4", "ok")],
    });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "2" }]);
    expect(handled.sort()).toEqual(["1", "4"]);
    expect(poisoned).toEqual([{ id: "3", reason: "not-json" }]);
  });

  test("a batch in which every record fails throws, so the whole batch is retried", async () => {
    const { handler } = handlerRecording();
    await expect(handler({ Records: [record("1", "flaky"), record("2", "flaky")] })).rejects.toThrow(
      /failed/i,
    );
  });

  test("a poison record whose parking fails is retried rather than lost", async () => {
    const handler = createSqsHandler({
      logger,
      decode: (r) => {
        if (r.body === "poison") throw new PoisonMessageError("cannot read", "not-json");
        return r.body;
      },
      handle: async () => {},
      onPoison: async () => {
        throw new TransientFailureError("dead-letter queue unreachable");
      },
    });
    const response = await handler({ Records: [record("1", "poison"), record("2", "ok")] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "1" }]);
  });
});
