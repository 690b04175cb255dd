import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { publishInBatches } from "@recap/local/publish-batches";
import { afterAll, beforeAll, expect, test } from "vitest";
import { untilDrained } from "../support/drained.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

const calls = generateCalls({ count: 1_000, seed: "e2e", broken: 50 });
let env: TestStack;
let tap: Tap;
beforeAll(async () => {
  env = await startTestStack({ services: ["ingest-normalizer"] });
  tap = await Tap.on(env, [
    env.stack.endpoints.topics.Pipeline ?? "",
    env.stack.endpoints.topics.Summaries ?? "",
  ]);
});
afterAll(() => env?.stop());

/** Every call's submitted event, exactly as a producer would send it, broken ones included. */
async function publishAll(): Promise<void> {
  const messages = calls.map((call) => JSON.stringify(toSubmittedEvent(call)));
  await publishInBatches(env.sns, env.stack.endpoints.topics.Transcripts ?? "", messages);
}

const objectCount = async () => {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await env.s3.send(
      new ListObjectsV2Command({ Bucket: env.stack.endpoints.bucket, ContinuationToken: token }),
    );
    count += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  return count;
};

test("1,000 generated calls in mixed formats, 50 broken: 950 normalized, 50 rejected with the right codes; a republish changes nothing", async () => {
  expect(new Set(calls.map((c) => c.format)).size).toBe(8);
  await publishAll();
  await tap.until((t) => t.events.length >= 1_000, 120_000);
  await untilDrained(env.sqs, env.stack.endpoints.queues.IngestNormalizerQueue, tap);

  const normalized = tap.ofType("transcript.normalized");
  const rejected = tap.ofType("transcript.rejected");
  expect(normalized).toHaveLength(950);
  expect(rejected).toHaveLength(50);

  const expected = new Map(calls.map((c) => [c.transcriptId, c.truth.expectedRejection]));
  for (const event of normalized)
    expect(expected.get(event.correlationId), event.correlationId).toBeUndefined();
  const codes = new Map(
    rejected.map((e) => {
      const data = e.data as { transcriptId?: string; reason: { code: string } };
      return [data.transcriptId ?? e.correlationId, data.reason.code];
    }),
  );
  const brokenCalls = calls.filter((c) => c.truth.expectedRejection);
  // A broken event may lack a readable transcript id; its rejection is then filed under an unidentified id.
  const identified = brokenCalls.filter((c) => codes.has(c.transcriptId));
  for (const call of identified)
    expect(codes.get(call.transcriptId), call.transcriptId).toBe(call.truth.expectedRejection);
  const unidentified = [...codes].filter(([id]) => id.startsWith("unidentified-"));
  expect(identified.length + unidentified.length).toBe(50);
  for (const [, code] of unidentified) expect(code).toBe("invalid-event");
  expect(new Set(brokenCalls.map((c) => c.truth.expectedRejection)).size).toBeGreaterThanOrEqual(6);

  const objects = await objectCount();
  const events = tap.events.length;
  await publishAll();
  await untilDrained(env.sqs, env.stack.endpoints.queues.IngestNormalizerQueue, tap);
  expect(tap.events.length).toBe(events);
  expect(await objectCount()).toBe(objects);
});
