import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { PublishCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { canonicalTranscriptSchema, type Envelope } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  CALL,
  type Expected,
  hostileInputs,
  INJECTION_MARKER,
  submittedBody,
} from "../../services/ingest-normalizer/src/hostile-inputs.fixtures.ts";
import { listKeys, readText } from "../support/s3-text.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/** SNS's limit on a message; the catalogue's bigger bodies go straight onto the queue, as SQS allows 1 MiB. */
const SNS_MAX_BYTES = 256 * 1024;

/** One message sent at the stack, with the one outcome it must end in. */
type Sent = { name: string; transcriptId: string; body: string; expect: Expected };

let env: TestStack;
let tap: Tap;
let attributesQueue: string;
const sent: Sent[] = [];
let refusedBySns: unknown;

/** The input's body with its own transcript id, so each outcome can be told apart. */
async function prepared(input: (typeof hostileInputs)[number], n: number): Promise<Sent> {
  const transcriptId = `hostile-${n}`;
  const base = { name: input.name, transcriptId, expect: input.expect };
  const { bucket } = env.stack.endpoints;
  if ("message" in input)
    return { ...base, body: input.message.replaceAll('"call-hostile"', `"${transcriptId}"`) };
  if ("content" in input)
    return { ...base, body: submittedBody({ content: input.content, ...input.data, transcriptId }) };
  let contentUri = `s3://${bucket}/raw/${transcriptId}.txt`;
  if ("bytes" in input) {
    await env.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: `raw/${transcriptId}.txt`, Body: input.bytes }),
    );
  } else {
    contentUri = input.contentUri(bucket);
  }
  return { ...base, body: submittedBody({ content: undefined, contentUri, transcriptId }) };
}

beforeAll(async () => {
  env = await startTestStack({ services: ["ingest-normalizer"] });
  const { topics, queues, bucket } = env.stack.endpoints;
  tap = await Tap.on(env, [topics.Pipeline ?? "", topics.Summaries ?? ""]);
  attributesQueue = await subscribedWithAttributes([topics.Pipeline ?? "", topics.Summaries ?? ""]);

  // SNS and SQS both refuse an empty body, so that one kind never reaches a worker: the unit test has it.
  const deliverable = hostileInputs.filter((input) => !("message" in input) || input.message !== "");
  sent.push(...(await Promise.all(deliverable.map((input, n) => prepared(input, n)))));
  const reference = (transcriptId: string) =>
    submittedBody({ content: undefined, contentUri: `s3://${bucket}/raw/${transcriptId}.txt`, transcriptId });
  sent.push({
    name: "a contentUri to an object that was never there",
    transcriptId: "hostile-never-there",
    body: reference("hostile-never-there"),
    expect: { rejected: "missing-object" },
  });
  // Uploaded, then deleted before the worker reads it: what the worker sees is the same as a deletion between
  // the event and the read, and the outcome cannot depend on a race.
  await env.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "raw/hostile-deleted.txt", Body: CALL }));
  await env.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "raw/hostile-deleted.txt" }));
  sent.push({
    name: "a contentUri to an object deleted before it was read",
    transcriptId: "hostile-deleted",
    body: reference("hostile-deleted"),
    expect: { rejected: "missing-object" },
  });

  for (const { body } of sent) {
    if (Buffer.byteLength(body) <= SNS_MAX_BYTES) {
      await env.sns.send(new PublishCommand({ TopicArn: topics.Transcripts, Message: body }));
    } else {
      await env.sqs.send(
        new SendMessageCommand({ QueueUrl: queues.IngestNormalizerQueue, MessageBody: body }),
      );
    }
  }
  refusedBySns = await env.sns
    .send(
      new PublishCommand({
        TopicArn: topics.Transcripts,
        Message: submittedBody({ content: "a".repeat(SNS_MAX_BYTES) }),
      }),
    )
    .then(
      () => undefined,
      (error: unknown) => error,
    );

  // Behind every hostile message: a valid call, which must still be processed.
  const last = {
    name: "a valid call after them all",
    transcriptId: "hostile-valid-last",
    expect: { normalized: { format: "plain-text", turnCount: 2 } },
  } as const;
  const body = submittedBody({ transcriptId: last.transcriptId });
  await env.sns.send(new PublishCommand({ TopicArn: topics.Transcripts, Message: body }));
  sent.push({ ...last, body });

  // As many distinct outcomes as inputs, the last call's among them; which outcome is whose is checked below.
  await tap.until(
    (t) =>
      distinctOutcomes(t) >= sent.length &&
      t.ofType("transcript.normalized").some((e) => e.correlationId === last.transcriptId),
    35_000,
  );
  await readRawBodies(tap);
});
afterAll(() => env?.stop());

const outcomeTypes = ["transcript.normalized", "transcript.rejected"];
const rawBodies = new Map<string, string>();

function distinctOutcomes(t: Tap): number {
  return new Set(t.events.filter((e) => outcomeTypes.includes(e.type)).map((e) => e.id)).size;
}

/** The distinct outcome events (by event id: a redelivery repeats the id) that belong to an input. */
function outcomesOf(t: Tap, input: Sent): Envelope[] {
  const byId = new Map<string, Envelope>();
  for (const event of t.events) {
    if (!outcomeTypes.includes(event.type)) continue;
    const rawUri = (event.data as { rawUri?: string }).rawUri;
    const mine =
      event.type === "transcript.normalized"
        ? event.correlationId === input.transcriptId
        : rawBodies.get(rawUri ?? "") === input.body;
    if (mine) byId.set(event.id, event);
  }
  return [...byId.values()];
}

/** Rejections are matched to inputs by their kept raw body, which must be the message exactly as sent. */
async function readRawBodies(t: Tap): Promise<void> {
  for (const event of t.ofType("transcript.rejected")) {
    const rawUri = (event.data as { rawUri: string }).rawUri;
    if (!rawBodies.has(rawUri)) rawBodies.set(rawUri, await readText(env.s3, rawUri));
  }
}

async function subscribedWithAttributes(topicArns: string[]): Promise<string> {
  const { QueueUrl = "" } = await env.sqs.send(new CreateQueueCommand({ QueueName: "HostileAttributes" }));
  const { Attributes } = await env.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  for (const TopicArn of topicArns)
    await env.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: "true" },
      }),
    );
  return QueueUrl;
}

describe("hostile input through the local stack", () => {
  test("SNS refuses a message over 256 KB at publish, before Recap could see it", () => {
    expect((refusedBySns as Error | undefined)?.message).toMatch(/too long/i);
  });

  test("every input ends in exactly one outcome, the one the catalogue names, and the call behind them is processed", () => {
    const ended = sent.map((input) => {
      const outcomes = outcomesOf(tap, input);
      const got = outcomes.map((e) =>
        e.type === "transcript.rejected"
          ? (e.data as { reason: { code: string } }).reason.code
          : "normalized",
      );
      return [input.name, got];
    });
    const wanted = sent.map((input) => [
      input.name,
      ["rejected" in input.expect ? input.expect.rejected : "normalized"],
    ]);
    expect(ended).toEqual(wanted);
  });

  test("UTF-16 and BOM-marked files are stored as the transcript they hold", async () => {
    for (const input of sent.filter((s) =>
      /UTF-16 (LE|BE) with a byte-order mark|UTF-8 with a byte-order mark/.test(s.name),
    )) {
      const [event] = outcomesOf(tap, input);
      if (!event) throw new Error(`${input.name}: no outcome`);
      const stored = canonicalTranscriptSchema.parse(
        JSON.parse(await readText(env.s3, (event.data as { transcriptUri: string }).transcriptUri)),
      );
      if (!("normalized" in input.expect) || !("turns" in input.expect.normalized))
        throw new Error(input.name);
      expect(
        stored.turns.map((turn) => [turn.role, turn.speaker, turn.text]),
        input.name,
      ).toEqual(input.expect.normalized.turns);
    }
  });

  test("text injected into a transcript reaches no SNS message attribute and no S3 key", async () => {
    const attributes: string[] = [];
    for (;;) {
      const { Messages = [] } = await env.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: attributesQueue,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ["All"],
          WaitTimeSeconds: 1,
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages)
        attributes.push(...Object.values(message.MessageAttributes ?? {}).map((a) => a.StringValue ?? ""));
    }
    expect(attributes.length).toBeGreaterThan(0);
    expect(attributes.filter((value) => value.includes(INJECTION_MARKER))).toEqual([]);
    const keys = await listKeys(env.s3, `s3://${env.stack.endpoints.bucket}/`);
    expect(keys.some((key) => key.startsWith("normalized/"))).toBe(true);
    expect(keys.filter((key) => key.includes(INJECTION_MARKER) || key.includes(".."))).toEqual([]);
  });
});
