import { GetObjectCommand } from "@aws-sdk/client-s3";
import { PublishCommand } from "@aws-sdk/client-sns";
import { canonicalTranscriptSchema, type Envelope } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { publishTranscript } from "../../packages/local/examples/publish-transcript.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { plainTextCall, submittedEvent } from "../support/transcripts.ts";

let env: TestStack;
let tap: Tap;

beforeAll(async () => {
  env = await startTestStack({ services: ["ingest-normalizer"] });
  const { topics } = env.stack.endpoints;
  tap = await Tap.on(env, [topics.Pipeline ?? "", topics.Summaries ?? ""]);
});
afterAll(() => env?.stop());

const findEvent = (type: string, correlationId: string) => (t: Tap) =>
  t.ofType(type).some((e) => e.correlationId === correlationId);

function only(type: string, correlationId: string): Envelope & { data: Record<string, unknown> } {
  const matches = tap.ofType(type).filter((e) => e.correlationId === correlationId);
  expect(matches).toHaveLength(1);
  return matches[0] as Envelope & { data: Record<string, unknown> };
}

async function objectText(uri: unknown): Promise<string> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(String(uri));
  if (!match) throw new Error(`not an s3 URI: ${String(uri)}`);
  const object = await env.s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
  return (await object.Body?.transformToString()) ?? "";
}

describe("ingest-normalizer over the local stack", () => {
  test("a transcript published with the README's SDK example is normalized, stored and announced", async () => {
    await publishTranscript(env.endpointsFile, "call-readme-1", plainTextCall(1));
    await tap.until(findEvent("transcript.normalized", "call-readme-1"));

    const event = only("transcript.normalized", "call-readme-1");
    expect(event.producer).toBe("ingest-normalizer");
    expect(event.data).toMatchObject({
      transcriptId: "call-readme-1",
      turns: 6,
      channel: "voice",
      profile: "default",
    });
    expect(event.data.metadata).toEqual({ callCenter: "lisbon", tenant: "acme" });

    const stored = canonicalTranscriptSchema.parse(JSON.parse(await objectText(event.data.transcriptUri)));
    expect(stored.version).toBe(event.data.version);
    expect(stored.turns.map((t) => t.role)).toEqual([
      "agent",
      "customer",
      "agent",
      "customer",
      "agent",
      "customer",
    ]);
    expect(stored.turns[1]).toMatchObject({
      text: "Hi Sam, I have a password reset that never arrives.",
      notes: ["sighs"],
    });
  });

  test("the same call under a second profile is a second unit of work: stored and announced again", async () => {
    const content = plainTextCall(2);
    for (const profile of ["default", "nova-lite"]) {
      const event = submittedEvent("call-two-profiles", content, { tenant: "acme" });
      const body = JSON.stringify({ ...event, id: `evt-${profile}`, data: { ...event.data, profile } });
      await env.sns.send(
        new PublishCommand({ TopicArn: env.stack.endpoints.topics.Transcripts, Message: body }),
      );
    }
    await tap.until(
      (t) =>
        t.ofType("transcript.normalized").filter((e) => e.correlationId === "call-two-profiles").length === 2,
    );

    const events = tap.ofType("transcript.normalized").filter((e) => e.correlationId === "call-two-profiles");
    const data = events.map((e) => e.data as { profile: string; version: string; transcriptUri: string });
    expect(data.map((d) => d.profile).sort()).toEqual(["default", "nova-lite"]);
    expect(data[0]?.version).toBe(data[1]?.version);
    expect(data[0]?.transcriptUri).not.toBe(data[1]?.transcriptUri);
    for (const d of data) {
      const stored = canonicalTranscriptSchema.parse(JSON.parse(await objectText(d.transcriptUri)));
      expect(stored.profile).toBe(d.profile);
    }
  });

  test("a transcript with no speech turns is rejected with its reason, its raw message kept byte for byte", async () => {
    const body = JSON.stringify(
      submittedEvent("call-no-turns", "just some notes\nwith no speakers", { tenant: "acme" }),
    );
    await env.sns.send(
      new PublishCommand({ TopicArn: env.stack.endpoints.topics.Transcripts, Message: body }),
    );
    await tap.until(findEvent("transcript.rejected", "call-no-turns"));

    const event = only("transcript.rejected", "call-no-turns");
    expect(event.data).toMatchObject({ transcriptId: "call-no-turns", reason: { code: "no-speech-turns" } });
    expect(event.data.metadata).toEqual({ tenant: "acme" });
    expect(await objectText(event.data.rawUri)).toBe(body);
    expect(tap.ofType("transcript.normalized").some((e) => e.correlationId === "call-no-turns")).toBe(false);
  });

  test("a message that is not a valid event is rejected as invalid-event, salvaging its transcript id", async () => {
    const body = JSON.stringify({
      type: "transcript.submitted",
      data: { transcriptId: "call-broken", content: 42 },
    });
    await env.sns.send(
      new PublishCommand({ TopicArn: env.stack.endpoints.topics.Transcripts, Message: body }),
    );
    await tap.until(findEvent("transcript.rejected", "call-broken"));

    const event = only("transcript.rejected", "call-broken");
    expect(event.data).toMatchObject({ transcriptId: "call-broken", reason: { code: "invalid-event" } });
    expect(await objectText(event.data.rawUri)).toBe(body);
  });

  test("a body that is not even JSON is kept and rejected under an id derived from its content", async () => {
    const body = "Agent: this was pasted without an envelope";
    await env.sns.send(
      new PublishCommand({ TopicArn: env.stack.endpoints.topics.Transcripts, Message: body }),
    );
    await tap.until((t) =>
      t.ofType("transcript.rejected").some((e) => e.correlationId.startsWith("unidentified-")),
    );

    const event = tap.ofType("transcript.rejected").find((e) => e.correlationId.startsWith("unidentified-"));
    const data = event?.data as { transcriptId?: string; reason: { code: string }; rawUri: string };
    expect(data.transcriptId).toBeUndefined();
    expect(data.reason.code).toBe("invalid-event");
    expect(await objectText(data.rawUri)).toBe(body);
  });

  test("outcome events carry filterable SNS attributes, so a subscriber can take one tenant only", async () => {
    const { SubscribeCommand } = await import("@aws-sdk/client-sns");
    const { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } = await import(
      "@aws-sdk/client-sqs"
    );
    const queue = await env.sqs.send(new CreateQueueCommand({ QueueName: "GlobexOnly" }));
    const arn = await env.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    await env.sns.send(
      new SubscribeCommand({
        TopicArn: env.stack.endpoints.topics.Summaries,
        Protocol: "sqs",
        Endpoint: arn.Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: "true", FilterPolicy: JSON.stringify({ tenant: ["globex"] }) },
      }),
    );
    for (const [id, tenant] of [
      ["call-acme-x", "acme"],
      ["call-globex-x", "globex"],
    ] as const) {
      const body = JSON.stringify(submittedEvent(id, "no speakers here", { tenant }));
      await env.sns.send(
        new PublishCommand({ TopicArn: env.stack.endpoints.topics.Transcripts, Message: body }),
      );
    }
    await tap.until(
      (t) =>
        findEvent("transcript.rejected", "call-acme-x")(t) &&
        findEvent("transcript.rejected", "call-globex-x")(t),
    );

    const received = await env.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const ids = (received.Messages ?? []).map((m) => (JSON.parse(m.Body ?? "{}") as Envelope).correlationId);
    expect(ids).toEqual(["call-globex-x"]);
  });
});
