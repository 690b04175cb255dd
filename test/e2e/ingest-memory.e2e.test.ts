import { PutObjectCommand } from "@aws-sdk/client-s3";
import { PublishBatchCommand } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { readControl, type SlotGroups } from "@recap/local/lambda-limits/slot-groups";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { RUSSIAN, transcribeOutput } from "../support/transcribe-output.ts";
import { submittedEvent } from "../support/transcripts.ts";

const CALLS = 10;
/** Five eighths of the function's 512 MB: the rest is room for V8's garbage between collections. */
const LEAVES_ROOM_MB = 320;
let env: TestStack;
let groups: SlotGroups | undefined;
let unavailable: string | undefined;
beforeAll(async () => {
  // One instance of ingest-normalizer, started only once the batch waits on its queue: it takes all ten at once.
  env = await startTestStack({ services: [], concurrency: 1, lambdaLimits: true });
  const limits = env.stack.lambdaLimits;
  if (limits?.applied) groups = limits.groups;
  else unavailable = limits?.reason;
});
afterAll(() => env?.stop());

test("ten 9 MB Transcribe references (a Russian call) in one SQS batch end as ten outcomes within ingest-normalizer's 512 MB", async ({
  skip,
}) => {
  // Skipped where cgroups cannot be used: without a memory limit nothing here could run out of memory.
  if (!groups) return skip(`Lambda limits not applied: ${unavailable}`);
  const { bucket, topics, queues } = env.stack.endpoints;
  const tap = await Tap.on(env, [topics.Pipeline ?? "", topics.Summaries ?? ""]);
  // A Russian call: decoded, its text takes two bytes a character, as any text past Latin-1 does.
  const json = transcribeOutput(545, 70, RUSSIAN);
  expect(Buffer.byteLength(json)).toBeGreaterThan(8_900_000);
  expect(Buffer.byteLength(json)).toBeLessThan(9_500_000);
  const ids = Array.from({ length: CALLS }, (_, i) => `big-call-${i}`);
  for (const id of ids)
    await env.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `raw/big/${id}.json`, Body: json }));
  await env.sns.send(
    new PublishBatchCommand({
      TopicArn: topics.Transcripts,
      PublishBatchRequestEntries: ids.map((id, i) => {
        const { content: _inline, ...data } = submittedEvent(id, "").data;
        const event = {
          ...submittedEvent(id, ""),
          data: { ...data, contentUri: `s3://${bucket}/raw/big/${id}.json` },
        };
        return { Id: String(i), Message: JSON.stringify(event) };
      }),
    }),
  );
  const queueUrl = queues.IngestNormalizerQueue ?? "";
  await until(async () => {
    const { Attributes } = await env.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages) === CALLS;
  });

  await env.stack.workers.start("ingest-normalizer", 1);
  await tap.until((t) => ids.every((id) => t.events.some((e) => e.correlationId === id)), 240_000);

  expect(ids.map((id) => tap.events.find((e) => e.correlationId === id)?.type)).toEqual(
    ids.map(() => "transcript.normalized"),
  );
  const { memory } = groups.dirs("ingest-normalizer", 0);
  const peakMb = Number(await readControl(memory, "memory.max_usage_in_bytes")) / 1048576;
  console.log(
    `ingest-normalizer's peak memory for ten 9 MB references in one batch: ${peakMb.toFixed(0)} MB of 512`,
  );
  // Room to spare, not just survival: read all at once, the ten peaked at 402 MB; two at a time, at 247.
  expect(peakMb).toBeLessThan(LEAVES_ROOM_MB);
  expect(groups.oomKills("ingest-normalizer", 0)).toBe(0);
  expect(env.logs.filter((line) => /instance \d+ (exited|ran out of memory)/.test(line))).toEqual([]);
}, 300_000);

async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("the batch never waited whole on the queue");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
