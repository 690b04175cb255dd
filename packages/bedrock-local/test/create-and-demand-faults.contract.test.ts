import { ListModelInvocationJobsCommand } from "@aws-sdk/client-bedrock";
import { AccessDeniedException, ConverseCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createInput, createJob, HAIKU, type Harness, putJsonl, records, startHarness } from "./harness.ts";

let h: Harness;
let inputUri: string;
beforeAll(async () => {
  h = await startHarness();
  inputUri = await putJsonl(h.s3, "shards/faults/input.jsonl", records(100));
});
afterAll(() => h?.stop());

/** Adds to the fault plan as a chaos run or the CLI would: over HTTP. */
const plan = async (faults: Record<string, unknown>) => {
  const response = await fetch(`${h.bedrock.endpoint}/_recap/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(response.status).toBe(200);
  return response.json();
};
const jobNames = async () =>
  ((await h.client.send(new ListModelInvocationJobsCommand({}))).invocationJobSummaries ?? []).map(
    (j) => j.jobName,
  );

describe("slowCreates", () => {
  test("the next create answers only after the seconds asked, and its job exists only once it answers", async () => {
    expect(await plan({ slowCreates: { count: 1, seconds: 1.5 } })).toMatchObject({
      slowCreates: { count: 1, seconds: 1.5 },
    });
    const started = Date.now();
    let answeredAt = 0;
    const creating = createJob(h, createInput("slow-create", inputUri)).then((arn) => {
      answeredAt = Date.now();
      return arn;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await jobNames()).not.toContain("slow-create");
    const jobArn = await creating;
    expect(answeredAt - started).toBeGreaterThanOrEqual(1_500);
    expect(await jobNames()).toContain("slow-create");
    expect(jobArn).toMatch(/model-invocation-job\/[a-z0-9]{12}$/);

    // The fault was for one create: none is pending, so the next create is not held.
    expect(await plan({})).not.toHaveProperty("slowCreates");
  });

  test("a retry with the same clientRequestToken while the slow create waits gets the same single job", async () => {
    await plan({ slowCreates: { count: 1, seconds: 1 } });
    const input = createInput("slow-idempotent", inputUri, { clientRequestToken: "slow-idempotent-1" });
    const first = createJob(h, input);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const retry = await createJob(h, input);
    expect(await first).toBe(retry);
    expect((await jobNames()).filter((name) => name === "slow-idempotent")).toHaveLength(1);
  });
});

describe("refuseOnDemand", () => {
  const body = JSON.stringify({
    anthropic_version: "bedrock-2023-05-31",
    max_tokens: 200,
    messages: [
      { role: "user", content: "Summarize: Agent: hello. Customer: my order is late. Agent: refunded." },
    ],
  });
  const invoke = () =>
    h.runtime.send(new InvokeModelCommand({ modelId: HAIKU, body, contentType: "application/json" }));

  test("the next calls answer 403 AccessDeniedException, InvokeModel and Converse alike; then calls succeed again", async () => {
    await plan({ refuseOnDemand: 2 });
    const refused = await invoke().catch((e: AccessDeniedException) => e);
    expect(refused).toBeInstanceOf(AccessDeniedException);
    expect((refused as AccessDeniedException).$metadata.httpStatusCode).toBe(403);
    expect((refused as Error).message).toBe(
      "You don't have access to the model with the specified model ID.",
    );
    await expect(
      h.runtime.send(
        new ConverseCommand({ modelId: HAIKU, messages: [{ role: "user", content: [{ text: "hi" }] }] }),
      ),
    ).rejects.toBeInstanceOf(AccessDeniedException);
    expect((await invoke()).body.length).toBeGreaterThan(0);
  });

  test("batch jobs are not on-demand calls: a create goes through while on-demand is refused", async () => {
    await plan({ refuseOnDemand: 1 });
    await expect(createJob(h, createInput("batch-while-refused", inputUri))).resolves.toMatch(
      /model-invocation-job/,
    );
    await expect(invoke()).rejects.toBeInstanceOf(AccessDeniedException);
  });
});
