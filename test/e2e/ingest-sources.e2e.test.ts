import { ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { PublishCommand } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { untilDrained } from "../support/drained.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { transcribeOutput } from "../support/transcribe-output.ts";
import { plainTextCall, submittedEvent } from "../support/transcripts.ts";

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

const publish = (event: object) =>
  env.sns.send(
    new PublishCommand({ TopicArn: env.stack.endpoints.topics.Transcripts, Message: JSON.stringify(event) }),
  );
const outcomesFor = (id: string) => tap.events.filter((e) => e.correlationId === id);
const by = (id: string) => (t: Tap) => t.events.some((e) => e.correlationId === id);
const referenced = (id: string, uri: string, extra: object = {}) => {
  const { content: _inline, ...data } = submittedEvent(id, "").data;
  return { ...submittedEvent(id, ""), data: { ...data, contentUri: uri, ...extra } };
};

describe("transcripts by reference", () => {
  test("a 5 MB Transcribe output uploaded under raw/ is read by reference and normalized", async () => {
    const json = transcribeOutput(400, 70);
    expect(Buffer.byteLength(json)).toBeGreaterThan(5_000_000);
    const key = "raw/2026/11/22/long-call.json";
    await env.s3.send(new PutObjectCommand({ Bucket: env.stack.endpoints.bucket, Key: key, Body: json }));
    await publish(referenced("long-call", `s3://${env.stack.endpoints.bucket}/${key}`));
    await tap.until(by("long-call"));
    expect(outcomesFor("long-call")).toMatchObject([
      { type: "transcript.normalized", data: { turns: 400, channel: "voice" } },
    ]);
  });

  test("a reference to nothing is rejected as missing-object; one outside raw/ as invalid-event", async () => {
    const bucket = env.stack.endpoints.bucket;
    await publish(referenced("ref-missing", `s3://${bucket}/raw/nope.txt`));
    await publish(referenced("ref-elsewhere", `s3://${bucket}/normalized/someone-else.json`));
    await tap.until((t) => by("ref-missing")(t) && by("ref-elsewhere")(t));
    expect(outcomesFor("ref-missing")[0]?.data).toMatchObject({ reason: { code: "missing-object" } });
    expect(outcomesFor("ref-elsewhere")[0]?.data).toMatchObject({ reason: { code: "invalid-event" } });
  });

  test("inline content and a reference together are an invalid event", async () => {
    const event = submittedEvent("both-ways", plainTextCall(1));
    await publish({
      ...event,
      data: { ...event.data, contentUri: `s3://${env.stack.endpoints.bucket}/raw/x.txt` },
    });
    await tap.until(by("both-ways"));
    expect(outcomesFor("both-ways")[0]?.data).toMatchObject({ reason: { code: "invalid-event" } });
  });
});

describe("idempotency", () => {
  test("republishing the same transcript, even in a new envelope, emits nothing new; new content is a new version", async () => {
    await publish(submittedEvent("call-once", plainTextCall(3)));
    await publish(submittedEvent("call-once-rejected", "no speakers in here"));
    await tap.until((t) => by("call-once")(t) && by("call-once-rejected")(t));
    const objects = async () =>
      (await env.s3.send(new ListObjectsV2Command({ Bucket: env.stack.endpoints.bucket }))).KeyCount ?? 0;
    const before = await objects();

    // New envelope ids and times, same transcripts, delivered twice each.
    for (let i = 0; i < 2; i++) {
      await publish(submittedEvent("call-once", plainTextCall(3)));
      await publish(submittedEvent("call-once-rejected", "no speakers in here"));
    }
    await untilDrained(env.sqs, env.stack.endpoints.queues.IngestNormalizerQueue, tap);
    expect(outcomesFor("call-once")).toHaveLength(1);
    expect(outcomesFor("call-once-rejected")).toHaveLength(1);
    expect(await objects()).toBe(before);

    await publish(submittedEvent("call-once", plainTextCall(4)));
    await tap.until((t) => t.events.filter((e) => e.correlationId === "call-once").length === 2);
    const versions = outcomesFor("call-once").map((e) => (e.data as { version: string }).version);
    expect(new Set(versions).size).toBe(2);
  });
});
