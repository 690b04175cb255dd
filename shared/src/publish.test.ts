import { SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, test } from "vitest";
import { createEvent } from "./envelope.ts";
import { InvalidOutgoingEventError } from "./errors.ts";
import { summaryReady } from "./events/summary.ts";
import { transcriptRejected } from "./events/transcript.ts";
import { createPublisher, messageAttributes } from "./publish.ts";
import { UnpublishableMessageError } from "./sns-batches.ts";

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

  test("refuses, as poison and before anything is sent, an event SNS could never take", async () => {
    const sns = new SNSClient({ region: "us-east-1", endpoint: "http://127.0.0.1:9", maxAttempts: 1 });
    const publish = createPublisher(sns, () => "arn:aws:sns:us-east-1:000000000000:Summaries");
    // A summary inline has no bound of its own (result-publisher leaves a big one out); 300 KB of it is
    // schema-valid, and too big for SNS. The valid event before it is not sent either: port 9 would say so.
    const huge = createEvent(summaryReady, {
      producer: "result-publisher",
      correlationId: "call-1",
      data: {
        transcriptId: "call-1",
        version: "0011223344556677",
        profile: "default",
        summaryUri: "s3://recap-store/summaries/call-1/0011223344556677/default.json",
        summary: { text: "s".repeat(300_000) },
        promptVersion: "v1",
        modelId: "anthropic.claude-3-haiku-20240307-v1:0",
        shardId: "shard-1",
        jobArn: "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/abc",
        recordId: "AAAAAAAAAAA",
        attempt: 1,
        usage: { inputTokens: 1, outputTokens: 1 },
        costUsd: 0,
      },
    });
    await expect(publish(rejected, huge)).rejects.toBeInstanceOf(UnpublishableMessageError);
    sns.destroy();
  });
});
