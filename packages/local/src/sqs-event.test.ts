import { describe, expect, test } from "vitest";
import { toSqsEvent } from "./sqs-event.ts";

describe("toSqsEvent", () => {
  test("shapes received messages as Lambda's SQS event source does", () => {
    const event = toSqsEvent(
      [
        {
          MessageId: "m-1",
          ReceiptHandle: "rh-1",
          Body: '{"a":1}',
          MD5OfBody: "md5",
          Attributes: { ApproximateReceiveCount: "3", SentTimestamp: "1700000000000", SenderId: "sender" },
          MessageAttributes: { type: { DataType: "String", StringValue: "transcript.submitted" } },
        },
      ],
      "arn:aws:sqs:us-east-1:000000000000:IngestNormalizerQueue",
      "us-east-1",
    );
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      messageId: "m-1",
      receiptHandle: "rh-1",
      body: '{"a":1}',
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:IngestNormalizerQueue",
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "3", SentTimestamp: "1700000000000", SenderId: "sender" },
      messageAttributes: {
        type: {
          dataType: "String",
          stringValue: "transcript.submitted",
          stringListValues: [],
          binaryListValues: [],
        },
      },
    });
  });
});
