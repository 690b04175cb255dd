import { PublishBatchCommand, type SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { createEvent, transcriptNormalized } from "@recap/shared";
import { afterEach, describe, expect, test } from "vitest";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { plainTextCall, submittedEvent } from "../support/transcripts.ts";

let env: TestStack | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

async function publishCalls(
  sns: SNSClient,
  topicArn: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  for (let i = 0; i < ids.length; i += 10) {
    await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: ids.slice(i, i + 10).map((id, j) => ({
          Id: String(j),
          Message: JSON.stringify(submittedEvent(id, plainTextCall(i + j))),
        })),
      }),
    );
  }
  return ids;
}

const normalizedIds = (tap: Tap) => new Set(tap.ofType("transcript.normalized").map((e) => e.correlationId));

describe("durability", () => {
  test("killing the workers mid-batch loses no message: they are restarted and the in-flight batches redelivered", async () => {
    env = await startTestStack({ services: ["ingest-normalizer"] });
    const { workers } = env.stack;
    const { topics, queues } = env.stack.endpoints;
    const tap = await Tap.on(env, [topics.Pipeline ?? ""]);
    const ids = await publishCalls(env.sns, topics.Transcripts ?? "", "crash", 1000);
    await tap.until((t) => normalizedIds(t).size > 0);

    const pidsBefore = workers.pids("ingest-normalizer");
    expect(pidsBefore).toHaveLength(3);
    const signalAll = (signal: NodeJS.Signals) => {
      for (const index of pidsBefore.keys()) workers.kill("ingest-normalizer", signal, index);
    };
    const inFlight = async () => {
      const queue = await env?.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queues.IngestNormalizerQueue,
          AttributeNames: ["ApproximateNumberOfMessagesNotVisible"],
        }),
      );
      return Number(queue?.Attributes?.ApproximateNumberOfMessagesNotVisible);
    };
    // Freeze every instance while the queue shows batches in flight. Frozen workers delete nothing, so a
    // count read after the freeze is exactly what they hold; if the freeze fell between batches, thaw, retry.
    let held = 0;
    for (let attempt = 0; attempt < 50 && held === 0; attempt++) {
      if ((await inFlight()) === 0) continue;
      signalAll("SIGSTOP");
      held = await inFlight();
      if (held === 0) signalAll("SIGCONT");
    }
    expect(held).toBeGreaterThan(0);
    signalAll("SIGKILL");

    await tap.until((t) => ids.every((id) => normalizedIds(t).has(id)), 60_000);
    const pidsAfter = workers.pids("ingest-normalizer");
    expect(pidsAfter).toHaveLength(3);
    for (const pid of pidsAfter) expect(pidsBefore).not.toContain(pid);
    expect([...normalizedIds(tap)].sort()).toEqual([...ids].sort());
  });

  test("an instance killed at random is replaced in its slot while the others keep polling", async () => {
    env = await startTestStack({ services: ["ingest-normalizer"] });
    const { workers } = env.stack;
    const before = workers.pids("ingest-normalizer");
    const killed = workers.kill("ingest-normalizer", "SIGKILL");
    const deadline = Date.now() + 30_000;
    while (workers.pid("ingest-normalizer", killed) === before[killed] && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const after = workers.pids("ingest-normalizer");
    expect(after[killed]).not.toBe(before[killed]);
    expect(after.filter((_, i) => i !== killed)).toEqual(before.filter((_, i) => i !== killed));

    const tap = await Tap.on(env, [env.stack.endpoints.topics.Pipeline ?? ""]);
    const ids = await publishCalls(env.sns, env.stack.endpoints.topics.Transcripts ?? "", "after-kill", 30);
    await tap.until((t) => ids.every((id) => normalizedIds(t).has(id)));
  });

  test("stopping the stack keeps queued messages: a restart on the same directory processes them", async () => {
    env = await startTestStack({ services: [] });
    const { dir } = env;
    const ids = await publishCalls(env.sns, env.stack.endpoints.topics.Transcripts ?? "", "restart", 20);
    await env.stop({ keepDir: true });

    // Workers start only once the tap listens: three instances would announce a batch before it could.
    env = await startTestStack({ dir, services: [] });
    const tap = await Tap.on(env, [env.stack.endpoints.topics.Pipeline ?? ""]);
    await env.stack.workers.start("ingest-normalizer", 3);
    await tap.until((t) => ids.every((id) => normalizedIds(t).has(id)));
    expect(normalizedIds(tap).size).toBe(ids.length);
  });

  test("a valid message that keeps failing is retried, then moved to the dead-letter queue by SQS; poison is parked at once", async () => {
    env = await startTestStack({ services: ["shard-builder"] });
    const { queues } = env.stack.endpoints;
    const valid = createEvent(transcriptNormalized, {
      producer: "test",
      correlationId: "call-kept",
      data: {
        transcriptId: "call-kept",
        version: "0123456789abcdef",
        transcriptUri: "s3://recap-local-store/normalized/call-kept/0123456789abcdef.json",
        bytes: 100,
        estimatedInputTokens: 25,
        turns: 2,
        language: "en",
        channel: "voice",
        profile: "default",
        metadata: {},
      },
    });
    await env.sqs.send(
      new SendMessageCommand({ QueueUrl: queues.ShardBuilderQueue, MessageBody: "{not json" }),
    );
    await env.sqs.send(
      new SendMessageCommand({ QueueUrl: queues.ShardBuilderQueue, MessageBody: JSON.stringify(valid) }),
    );

    const parked: Array<{ body: string; reason?: string }> = [];
    const deadline = Date.now() + 45_000;
    while (parked.length < 2 && Date.now() < deadline) {
      const { Messages = [] } = await env.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queues.ShardBuilderDeadLetters,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ["All"],
        }),
      );
      for (const m of Messages) {
        parked.push({ body: m.Body ?? "", reason: m.MessageAttributes?.["recap.poisonReason"]?.StringValue });
      }
    }
    const poison = parked.find((p) => p.body === "{not json");
    const kept = parked.find((p) => p.body === JSON.stringify(valid));
    expect(poison?.reason).toBe("not-json");
    // The valid event names a transcript that is not there: tried maxReceiveCount times, never dropped, and
    // moved by SQS's own redrive.
    expect(kept?.reason).toBeUndefined();
    expect(kept).toBeDefined();
  });
});
