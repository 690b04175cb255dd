import {
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  BUCKET,
  createInput,
  createJob,
  type Harness,
  jobIdOf,
  listKeys,
  putJsonl,
  readText,
  records,
  startHarness,
  waitForStatus,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

describe("a batch job through the real Bedrock client", () => {
  test("runs to Completed and writes Bedrock's output layout, joinable by recordId only", async () => {
    const input = records(120);
    const inputUri = await putJsonl(h.s3, "shards/happy/input.jsonl", input);
    const jobArn = await createJob(h, createInput("happy-path", inputUri));
    expect(jobArn).toMatch(/^arn:aws:bedrock:us-east-1:000000000000:model-invocation-job\/[a-z0-9]{12}$/);

    const job = await waitForStatus(h, jobArn, ["Completed", "Failed"]);
    expect(job.status).toBe("Completed");
    expect(job).toMatchObject({
      jobName: "happy-path",
      totalRecordCount: 120,
      processedRecordCount: 120,
      successRecordCount: 120,
      errorRecordCount: 0,
    });
    expect(job.submitTime).toBeInstanceOf(Date);
    expect(job.endTime?.getTime()).toBeGreaterThanOrEqual(job.submitTime?.getTime() ?? 0);

    const jobId = jobIdOf(jobArn);
    expect(await listKeys(h.s3, `outputs/${jobId}/`)).toEqual([
      `outputs/${jobId}/input.jsonl.out`,
      `outputs/${jobId}/manifest.json.out`,
    ]);
    const lines = (await readText(h.s3, `outputs/${jobId}/input.jsonl.out`))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.recordId).sort()).toEqual(input.map((r) => r.recordId).sort());
    expect(lines.map((l) => l.recordId)).not.toEqual(input.map((r) => r.recordId));
    for (const line of lines) {
      expect(line.modelInput).toEqual(input.find((r) => r.recordId === line.recordId)?.modelInput);
      expect(line.modelOutput).toMatchObject({
        type: "message",
        role: "assistant",
        stop_reason: expect.any(String),
      });
      // The summary is of this record's call: its refund, and its own order number (the record's index).
      const summary: string = line.modelOutput.content[0].text;
      expect(summary).toMatch(/refund/i);
      expect(summary).toContain(`order ${Number(line.recordId.replace(/\D/g, ""))}`);
      expect(line.modelOutput.usage.input_tokens).toBeGreaterThan(0);
    }
    const manifest = JSON.parse(await readText(h.s3, `outputs/${jobId}/manifest.json.out`));
    const sum = (key: "input_tokens" | "output_tokens") =>
      lines.reduce((n, l) => n + l.modelOutput.usage[key], 0);
    expect(manifest).toEqual({
      totalRecordCount: 120,
      processedRecordCount: 120,
      successRecordCount: 120,
      errorRecordCount: 0,
      inputTokenCount: sum("input_tokens"),
      outputTokenCount: sum("output_tokens"),
    });
  });

  test("reads every .jsonl file under a folder URI and writes one .out per file", async () => {
    await putJsonl(h.s3, "shards/folder/a.jsonl", records(60, "a"));
    await putJsonl(h.s3, "shards/folder/b.jsonl", records(60, "b"));
    const jobArn = await createJob(h, createInput("folder-input", `s3://${BUCKET}/shards/folder/`));
    const job = await waitForStatus(h, jobArn, ["Completed", "Failed"]);
    expect(job).toMatchObject({ status: "Completed", totalRecordCount: 120 });
    const jobId = jobIdOf(jobArn);
    expect(await listKeys(h.s3, `outputs/${jobId}/`)).toEqual([
      `outputs/${jobId}/a.jsonl.out`,
      `outputs/${jobId}/b.jsonl.out`,
      `outputs/${jobId}/manifest.json.out`,
    ]);
  });

  test("emits a state-change event for every status, in order", async () => {
    const inputUri = await putJsonl(h.s3, "shards/events/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("events", inputUri));
    await waitForStatus(h, jobArn, ["Completed"]);
    const statuses = h.events.filter((e) => e.detail.batchJobArn === jobArn).map((e) => e.detail.status);
    expect(statuses).toEqual(["Submitted", "Validating", "Scheduled", "InProgress", "Completed"]);
    const event = h.events.find((e) => e.detail.batchJobArn === jobArn) as unknown as Record<string, unknown>;
    expect(event).toMatchObject({ source: "aws.bedrock", "detail-type": "Batch Inference Job State Change" });
  });

  test("GetModelInvocationJob takes the ARN or the bare job id; an unknown one is ResourceNotFound", async () => {
    const inputUri = await putJsonl(h.s3, "shards/get/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("get-by-id", inputUri));
    const byId = await h.client.send(new GetModelInvocationJobCommand({ jobIdentifier: jobIdOf(jobArn) }));
    expect(byId.jobArn).toBe(jobArn);
    await expect(
      h.client.send(new GetModelInvocationJobCommand({ jobIdentifier: "abcdefghijkl" })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test("ListModelInvocationJobs filters, sorts and pages without repeats", async () => {
    const inputUri = await putJsonl(h.s3, "shards/list/input.jsonl", records(100));
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) arns.push(await createJob(h, createInput(`listing-${i}`, inputUri)));
    for (const arn of arns) await waitForStatus(h, arn, ["Completed"]);

    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.client.send(
        new ListModelInvocationJobsCommand({
          nameContains: "listing-",
          maxResults: 2,
          sortOrder: "Ascending",
          nextToken,
        }),
      );
      expect(page.invocationJobSummaries?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.invocationJobSummaries ?? []).map((j) => j.jobArn ?? ""));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(arns);

    const descending = await h.client.send(new ListModelInvocationJobsCommand({ nameContains: "listing-" }));
    expect(descending.invocationJobSummaries?.map((j) => j.jobArn)).toEqual([...arns].reverse());
    const completed = await h.client.send(
      new ListModelInvocationJobsCommand({ nameContains: "listing-", statusEquals: "Completed" }),
    );
    expect(completed.invocationJobSummaries).toHaveLength(5);
    const none = await h.client.send(
      new ListModelInvocationJobsCommand({
        nameContains: "listing-",
        submitTimeAfter: new Date(Date.now() + 60_000),
      }),
    );
    expect(none.invocationJobSummaries).toEqual([]);
  });
});
