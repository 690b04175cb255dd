import { SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, test } from "vitest";
import { createEvent } from "./envelope.ts";
import { InvalidOutgoingEventError } from "./errors.ts";
import { transcriptRejected } from "./events/transcript.ts";
import { createPublisher, messageAttributes } from "./publish.ts";

const rejected = createEvent(transcriptRejected, {
  producer: "ingest-normalizer",
  correlationId: "call-1",
  data: {
    transcriptId: "call-1",
    reason: { code: "empty-transcript", message: "content is empty" },
    rawUri: "s3://recap-store/rejected/call-1/0011223344556677",
    metadata: { tenant: "acme", callCenter: "lisbon", agentId: "a-17" },
  },
});

describe("messageAttributes", () => {
  test("carry the type and the event's filterable metadata, and nothing personal", () => {
    expect(messageAttributes(rejected)).toEqual({
      type: { DataType: "String", StringValue: "transcript.rejected" },
      reason: { DataType: "String", StringValue: "empty-transcript" },
      tenant: { DataType: "String", StringValue: "acme" },
      callCenter: { DataType: "String", StringValue: "lisbon" },
    });
  });
});

describe("createPublisher", () => {
  test("refuses an event that fails its own schema before anything is sent", async () => {
    // Port 9 (discard) on loopback: a send attempt would fail with a network error, not a schema error.
    const sns = new SNSClient({ region: "us-east-1", endpoint: "http://127.0.0.1:9", maxAttempts: 1 });
    const publish = createPublisher(sns, () => "arn:aws:sns:us-east-1:000000000000:Summaries");
    const broken = { ...rejected, data: { ...rejected.data, reason: { code: "bogus", message: "" } } };
    await expect(publish(broken as typeof rejected)).rejects.toBeInstanceOf(InvalidOutgoingEventError);
    sns.destroy();
  });
});
