import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PublishBatchCommand, SNSClient } from "@aws-sdk/client-sns";
import { expect, test } from "vitest";
import { freePort } from "../chaos/free-port.ts";
import { startLocalStack } from "../stack.ts";

/** Ten entries of 27,000 bytes: each within SNS's limit, 270,000 together, over it. */
const overBudget = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, Message: "x".repeat(27_000) }));

/** A stack with no workers, its endpoint on `port`; what a 270 KB PublishBatch to its Transcripts topic gets. */
async function batchOnStack(options: { port: number }) {
  const dir = await mkdtemp(path.join(tmpdir(), "recap-strict-sns-"));
  const stack = await startLocalStack({ dir, services: [], ...options });
  const { region, endpoint, credentials, topics } = stack.endpoints;
  const sns = new SNSClient({ region, endpoint, credentials, maxAttempts: 1 });
  try {
    const answer = await sns
      .send(new PublishBatchCommand({ TopicArn: topics.Transcripts, PublishBatchRequestEntries: overBudget }))
      .then(
        (result) => `published ${result.Successful?.length}`,
        (error: Error) => error.name,
      );
    return { endpoint, answer };
  } finally {
    sns.destroy();
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

test("the stack's endpoint, on the port asked for, is the strict SNS front", async () => {
  const port = await freePort();
  expect(await batchOnStack({ port })).toEqual({
    endpoint: `http://127.0.0.1:${port}`,
    answer: "BatchRequestTooLongException",
  });
});
