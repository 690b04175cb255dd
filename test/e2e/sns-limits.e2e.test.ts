import { PublishCommand } from "@aws-sdk/client-sns";
import { publishTranscript, TranscriptTooBigError } from "@recap/client";
import { type Envelope, SNS_MAX_PAYLOAD_BYTES } from "@recap/shared";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { plainTextCall, submittedEvent } from "../support/transcripts.ts";

/**
 * Calls whose metadata uses all the contract allows (32 values of 1,024 characters) make events of about
 * 35 KB at every stage: ten of them in one PublishBatch pass SNS's 262,144 bytes, which AWS refuses whole
 * (BatchRequestTooLong) and the local stack's strict SNS front refuses too. Every stage publishes several
 * such events at once (an SQS batch of submissions, a harvested chunk of summaries), so each call ends as
 * summary.ready only if every publisher packs its batches under the limit.
 */
const CALLS = 12;
const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

function maximalMetadata(call: number): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const key of ["tenant", "callCenter", "queue"]) metadata[key] = `${key}-${call}-`.padEnd(1024, "m");
  for (let i = 3; i < 32; i++)
    metadata[`field${i}`.padEnd(64, "_")] = `value-${call}-${i}-`.padEnd(1024, "v");
  return metadata;
}

let env: TestStack;
let tap: Tap;
beforeAll(async () => {
  env = await startTestStack({
    concurrency: 1,
    tickEverySeconds: 1,
    bedrockTiming: { scale: 0 },
    // At Bedrock's 100-record minimum a dozen calls would go on demand; at 1 they are a batch job's records.
    config: { models: { [MODEL]: { quotas: { minRecordsPerJob: 1 } } } },
  });
  tap = await Tap.on(env, [env.stack.endpoints.topics.Summaries ?? ""]);
}, 90_000);
afterAll(() => env?.stop());

test(`${CALLS} calls with maximal metadata, published with the SDK, each end as summary.ready on the Summaries topic`, {
  timeout: 120_000,
}, async () => {
  const calls = Array.from({ length: CALLS }, (_, i) => ({
    id: `sns-limits-${i}`,
    metadata: maximalMetadata(i),
  }));
  const messages = calls.map((call, i) =>
    JSON.stringify(submittedEvent(call.id, plainTextCall(i), call.metadata)),
  );
  // Ten of these together would pass SNS's limit: the stages downstream meet the same sizes.
  expect(messages.slice(0, 10).reduce((sum, m) => sum + Buffer.byteLength(m), 0)).toBeGreaterThan(
    SNS_MAX_PAYLOAD_BYTES,
  );
  for (const Message of messages)
    await env.sns.send(new PublishCommand({ TopicArn: env.stack.endpoints.topics.Transcripts, Message }));

  const outcomeOf = new Map<string, Envelope>();
  await tap.until(() => {
    for (const event of tap.events.splice(0)) {
      const id = (event.data as { transcriptId?: string }).transcriptId ?? event.correlationId;
      if (!outcomeOf.has(id)) outcomeOf.set(id, event);
    }
    return outcomeOf.size >= CALLS;
  }, 100_000);

  for (const call of calls) {
    const outcome = outcomeOf.get(call.id);
    expect(outcome?.type, call.id).toBe("summary.ready");
    expect((outcome?.data as { metadata?: unknown } | undefined)?.metadata, call.id).toEqual(call.metadata);
  }
  const refused = env.logs.filter((line) => /BatchRequestTooLong|TooManyEntries/.test(line));
  expect(refused, "a publisher met SNS's batch limits").toEqual([]);
});

test("@recap/client sends by reference a transcript within the inline limit that its metadata takes past SNS's", async () => {
  const { topics, bucket } = env.stack.endpoints;
  // 190,000 bytes goes inline on its own; 32 values of 1,024 three-byte characters add about 100 KB.
  const content = "Agent: Hello, how can I help?\nCustomer: My bill is wrong.\n"
    .repeat(3_400)
    .slice(0, 190_000);
  const metadata = Object.fromEntries(
    Array.from({ length: 32 }, (_, i) => [
      i < 3 ? ["tenant", "callCenter", "queue"][i] : `k${i}`,
      "€".repeat(1024),
    ]),
  );
  const call = { transcriptId: "sns-limits-heavy", content, metadata };
  const noStore = await publishTranscript({ sns: env.sns, topicArn: topics.Transcripts ?? "" }, call).catch(
    (error: unknown) => error,
  );
  expect(noStore).toBeInstanceOf(TranscriptTooBigError);
  expect((noStore as Error).message).toMatch(
    /with its metadata makes a \d+-byte event, over the 262144 SNS takes/,
  );
  const sent = await publishTranscript(
    { sns: env.sns, topicArn: topics.Transcripts ?? "", store: { s3: env.s3, bucket } },
    call,
  );
  expect(sent.by).toBe("reference");
  // A transcript and metadata that fit together still go inline.
  const light = await publishTranscript(
    { sns: env.sns, topicArn: topics.Transcripts ?? "", store: { s3: env.s3, bucket } },
    { ...call, transcriptId: "sns-limits-light", metadata: { tenant: "acme" } },
  );
  expect(light.by).toBe("inline");
});
