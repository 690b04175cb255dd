import { publishTranscript, TranscriptTooBigError } from "@recap/client";
import { afterEach, describe, expect, test } from "vitest";
import { summarizeOneCall } from "../../packages/client/examples/summarize-one-call.ts";
import { listKeys, readText } from "../support/s3-text.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

let env: TestStack | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

describe("@recap/client", () => {
  test("the README's example publishes a call and receives its summary on a filtered subscription", {
    timeout: 120_000,
  }, async () => {
    env = await startTestStack({ bedrockTiming: { scale: 0.02 }, tickEverySeconds: 1 });
    const event = await summarizeOneCall(env.stack.endpoints as never);
    expect(event.type).toBe("summary.ready");
    expect(event.data.metadata).toMatchObject({ callCenter: "example-center" });
    expect(event.data.summary && "resolution" in event.data.summary).toBe(true);

    // Past SNS's inline limit the transcript goes to the Store bucket and travels by reference.
    const stack = env.stack.endpoints;
    const big = Array.from({ length: 8_000 }, (_, i) => `Agent: line ${i} of a very long call.`).join("\n");
    const call = { transcriptId: "client-big-call", content: big, metadata: {} };
    await expect(
      publishTranscript({ sns: env.sns, topicArn: stack.topics.Transcripts ?? "" }, call),
    ).rejects.toBeInstanceOf(TranscriptTooBigError);
    const sent = await publishTranscript(
      { sns: env.sns, topicArn: stack.topics.Transcripts ?? "", store: { s3: env.s3, bucket: stack.bucket } },
      call,
    );
    expect(sent.by).toBe("reference");
    const keys = await listKeys(env.s3, `s3://${stack.bucket}/raw/client-big-call/`);
    expect(keys).toHaveLength(1);
    expect(await readText(env.s3, `s3://${stack.bucket}/${keys[0]}`)).toBe(big);
  });
});
