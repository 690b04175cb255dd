import { CreateModelInvocationJobCommand, GetModelInvocationJobCommand } from "@aws-sdk/client-bedrock";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { PublishCommand } from "@aws-sdk/client-sns";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { createEvent, type Envelope, jobSubmitted } from "@recap/shared";
import { messageAttributes } from "@recap/shared/runtime";
import { afterEach, describe, expect, test } from "vitest";
import { bedrockClientFor } from "../support/bedrock-jobs.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * status-watcher alone, three instances, against the local Bedrock: jobs created with the plain SDK, their
 * job.submitted published as job-submitter would, and its queue fed the events a real account produces —
 * repeated, out of order, forged ahead of the truth, for other tools' jobs — or none at all.
 */
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const ROLE = "arn:aws:iam::000000000000:role/RecapBatch";

let env: TestStack | undefined;
afterEach(async () => {
  await env?.stop();
  env = undefined;
});

async function createJob(stack: TestStack, shardId: string, records = 100) {
  const { bucket } = stack.stack.endpoints;
  const lines = Array.from({ length: records }, (_, i) =>
    JSON.stringify({
      recordId: `R${String(i).padStart(10, "0")}`,
      modelInput: {
        anthropic_version: "bedrock-2023-05-31",
        max_tokens: 200,
        messages: [
          { role: "user", content: `Agent: Hello, how can I help? Customer: My order ${i} is late.` },
        ],
      },
    }),
  );
  const inputUri = `s3://${bucket}/shards/${shardId}/input.jsonl`;
  await stack.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `shards/${shardId}/input.jsonl`,
      Body: `${lines.join("\n")}\n`,
    }),
  );
  const bedrock = bedrockClientFor(stack.stack.endpoints);
  const jobName = `recap-local-${shardId}`;
  const { jobArn } = await bedrock.send(
    new CreateModelInvocationJobCommand({
      jobName,
      modelId: HAIKU,
      roleArn: ROLE,
      inputDataConfig: { s3InputDataConfig: { s3Uri: inputUri } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${bucket}/outputs/${shardId}/` } },
    }),
  );
  const submitted = createEvent(jobSubmitted, {
    producer: "job-submitter",
    correlationId: shardId,
    data: {
      shardId,
      kind: "batch",
      jobArn: String(jobArn),
      jobName,
      modelId: HAIKU,
      profile: "default",
      inputUri,
      outputUri: `s3://${bucket}/outputs/${shardId}/`,
      recordMapUri: `s3://${bucket}/shards/${shardId}/record-map.jsonl`,
      records,
      submittedAt: new Date().toISOString(),
    },
  });
  return { bedrock, jobArn: String(jobArn), jobName, submitted };
}

async function publish(stack: TestStack, event: Envelope) {
  await stack.sns.send(
    new PublishCommand({
      TopicArn: stack.stack.endpoints.topics.Pipeline,
      Message: JSON.stringify(event),
      MessageAttributes: messageAttributes(event as never),
    }),
  );
}

/** A Bedrock state-change event as EventBridge delivers it to the queue, with whatever status we claim. */
async function stateChange(stack: TestStack, job: { jobArn: string; jobName: string }, status: string) {
  await stack.sqs.send(
    new SendMessageCommand({
      QueueUrl: stack.stack.endpoints.queues.StatusWatcherQueue,
      MessageBody: JSON.stringify({
        version: "0",
        id: crypto.randomUUID(),
        "detail-type": "Batch Inference Job State Change",
        source: "aws.bedrock",
        account: "000000000000",
        time: "2026-12-01T10:00:00Z",
        region: "us-east-1",
        resources: [job.jobArn],
        detail: { batchJobArn: job.jobArn, batchJobName: job.jobName, batchModelId: HAIKU, status },
      }),
    }),
  );
}

const finishedOf = (tap: Tap, jobArn: string) =>
  tap.ofType("job.finished").filter((e) => (e.data as { jobArn: string }).jobArn === jobArn);

describe("status-watcher", () => {
  test("forged, repeated and foreign events neither end a job early nor twice; the job's own end is announced once", {
    timeout: 120_000,
  }, async () => {
    env = await startTestStack({
      services: ["status-watcher"],
      bedrockTiming: { scale: 0.3 },
      tickEverySeconds: 1,
    });
    const stack = env;
    const tap = await Tap.on(stack, [stack.stack.endpoints.topics.Pipeline ?? ""]);
    const job = await createJob(stack, "forged");
    // Ahead of its job.submitted, and claiming an end Bedrock has not reached: both only cue a read.
    await stateChange(stack, job, "Completed");
    await publish(stack, job.submitted);
    for (let i = 0; i < 5; i++) await stateChange(stack, job, i % 2 ? "Completed" : "Failed");
    await stateChange(
      stack,
      {
        jobArn: "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/other",
        jobName: "someone-elses-job",
      },
      "Completed",
    );
    await tap.until(() => tap.ofType("job.progressed").length > 0, 30_000);
    expect(finishedOf(tap, job.jobArn), "no job.finished while Bedrock says the job runs").toEqual([]);

    await tap.until(() => finishedOf(tap, job.jobArn).length > 0, 90_000);
    // Late copies of the end, and more forged events, after the fact.
    for (let i = 0; i < 5; i++) await stateChange(stack, job, "Completed");
    await publish(stack, job.submitted);
    const settle = Date.now() + 4_000;
    while (Date.now() < settle) await tap.drain();

    const truth = await job.bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: job.jobArn }));
    const finished = finishedOf(tap, job.jobArn);
    expect(new Set(finished.map((e) => e.id)).size).toBe(1);
    expect(finished[0]?.data).toMatchObject({
      status: truth.status,
      endedAt: truth.endTime?.toISOString(),
      counts: { total: 100, processed: 100 },
      shardId: "forged",
    });
    const statuses = tap
      .ofType("job.progressed")
      .filter((e) => (e.data as { jobArn: string }).jobArn === job.jobArn)
      .map((e) => (e.data as { status: string }).status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses).not.toContain("Completed");
    expect(finishedOf(tap, "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/other")).toEqual([]);
    job.bedrock.destroy();
  });

  test("with every state-change event lost, the tick alone follows a job to its end", {
    timeout: 120_000,
  }, async () => {
    env = await startTestStack({
      services: ["status-watcher"],
      bedrockTiming: { scale: 0.2 },
      tickEverySeconds: 1,
    });
    const stack = env;
    await fetch(`${stack.stack.endpoints.bedrockEndpoint}/_recap/faults`, {
      method: "POST",
      body: JSON.stringify({ dropEvents: 1_000 }),
    });
    const tap = await Tap.on(stack, [stack.stack.endpoints.topics.Pipeline ?? ""]);
    const job = await createJob(stack, "silent");
    await publish(stack, job.submitted);
    await tap.until(() => finishedOf(tap, job.jobArn).length > 0, 90_000);
    const truth = await job.bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: job.jobArn }));
    expect(finishedOf(tap, job.jobArn)[0]?.data).toMatchObject({ status: truth.status });
    job.bedrock.destroy();
  });

  test("a job past its stuck threshold is reported once and, as configured, stopped; it ends Stopped", {
    timeout: 120_000,
  }, async () => {
    env = await startTestStack({
      services: ["status-watcher"],
      bedrockTiming: { scale: 0.2 },
      tickEverySeconds: 1,
      // The slowed job waits in each status far longer than 2 s: stuck in whichever comes first.
      config: {
        watching: {
          stuckAfterSeconds: { Submitted: 2, Validating: 2, Scheduled: 2, InProgress: 2 },
          stopStuckJobs: true,
        },
      },
    });
    const stack = env;
    await fetch(`${stack.stack.endpoints.bedrockEndpoint}/_recap/faults`, {
      method: "POST",
      body: JSON.stringify({ slowJobs: { count: 1, factor: 200 } }),
    });
    const tap = await Tap.on(stack, [stack.stack.endpoints.topics.Pipeline ?? ""]);
    const job = await createJob(stack, "stuck");
    await publish(stack, job.submitted);
    await tap.until(() => finishedOf(tap, job.jobArn).length > 0, 90_000);
    const stuck = tap.ofType("job.stuck").filter((e) => (e.data as { jobArn: string }).jobArn === job.jobArn);
    expect(stuck.map((e) => e.data)).toEqual([
      expect.objectContaining({ thresholdSeconds: 2, stopRequested: true }),
    ]);
    expect(finishedOf(tap, job.jobArn)[0]?.data).toMatchObject({ status: "Stopped" });
    job.bedrock.destroy();
  });
});
