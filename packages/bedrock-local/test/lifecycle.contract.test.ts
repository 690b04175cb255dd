import {
  ConflictException,
  CreateModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  ServiceQuotaExceededException,
  StopModelInvocationJobCommand,
  ThrottlingException,
} from "@aws-sdk/client-bedrock";
import { afterEach, describe, expect, test } from "vitest";
import {
  createInput,
  createJob,
  type Harness,
  jobIdOf,
  putJsonl,
  readText,
  records,
  startHarness,
  waitForStatus,
} from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const statusesOf = (harness: Harness, jobArn: string) =>
  harness.events.filter((e) => e.detail.batchJobArn === jobArn).map((e) => e.detail.status);

describe("idempotency and quotas", () => {
  test("a repeated clientRequestToken returns the first job and creates no second one", async () => {
    h = await startHarness();
    const uri = await putJsonl(h.s3, "shards/idem/input.jsonl", records(100));
    const first = await createJob(h, createInput("idem", uri, { clientRequestToken: "shard-42-attempt" }));
    const again = await createJob(h, createInput("idem", uri, { clientRequestToken: "shard-42-attempt" }));
    expect(again).toBe(first);
    const listed = await h.client.send(new ListModelInvocationJobsCommand({ nameContains: "idem" }));
    expect(listed.invocationJobSummaries).toHaveLength(1);
  });

  test("20 concurrent creates for one model: exactly the quota's 10 run, the rest get ServiceQuotaExceeded", async () => {
    h = await startHarness({ timing: { scale: 1, submittedMs: 60_000 } });
    const uri = await putJsonl(h.s3, "shards/quota/input.jsonl", records(100));
    const harness = h;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => createJob(harness, createInput(`quota-${i}`, uri))),
    );
    const created = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(10);
    for (const error of refused) expect(error).toBeInstanceOf(ServiceQuotaExceededException);

    // A stopped job frees its slot.
    const [one] = created as PromiseFulfilledResult<string>[];
    await h.client.send(new StopModelInvocationJobCommand({ jobIdentifier: one?.value }));
    await waitForStatus(h, one?.value ?? "", ["Stopped"]);
    await expect(createJob(h, createInput("quota-after-stop", uri))).resolves.toMatch(/model-invocation-job/);
  });

  test("a job name already in use is a ConflictException", async () => {
    h = await startHarness();
    const uri = await putJsonl(h.s3, "shards/conflict/input.jsonl", records(100));
    await createJob(h, createInput("same-name", uri));
    await expect(
      h.client.send(new CreateModelInvocationJobCommand(createInput("same-name", uri))),
    ).rejects.toBeInstanceOf(ConflictException);
  });
});

describe("stopping", () => {
  test("a job stopped while Scheduled goes Stopping then Stopped and writes no records", async () => {
    h = await startHarness({ timing: { scale: 1, submittedMs: 0, validatingMs: 0, scheduledMs: 60_000 } });
    const uri = await putJsonl(h.s3, "shards/stop/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("stop-scheduled", uri));
    await waitForStatus(h, jobArn, ["Scheduled"]);
    await h.client.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }));
    const job = await waitForStatus(h, jobArn, ["Stopped"]);
    expect(job.endTime).toBeInstanceOf(Date);
    expect(statusesOf(h, jobArn)).toEqual(["Submitted", "Validating", "Scheduled", "Stopping", "Stopped"]);
  });

  test("a job stopped while InProgress keeps the output it already paid for", async () => {
    h = await startHarness({
      timing: { scale: 1, submittedMs: 0, validatingMs: 0, scheduledMs: 0, perRecordMs: 20 },
    });
    const uri = await putJsonl(h.s3, "shards/stop-mid/input.jsonl", records(500));
    const jobArn = await createJob(h, createInput("stop-in-progress", uri));
    await waitForStatus(h, jobArn, ["InProgress"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await h.client.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }));
    const job = await waitForStatus(h, jobArn, ["Stopped"]);
    const processed = job.processedRecordCount ?? 0;
    expect(processed).toBeGreaterThan(0);
    expect(processed).toBeLessThan(500);
    const manifest = JSON.parse(await readText(h.s3, `outputs/${jobIdOf(jobArn)}/manifest.json.out`));
    expect(manifest).toMatchObject({ totalRecordCount: 500, processedRecordCount: processed });
    const lines = (await readText(h.s3, `outputs/${jobIdOf(jobArn)}/input.jsonl.out`)).trim().split("\n");
    expect(lines).toHaveLength(processed);
  });

  test("stopping a finished job is a ConflictException", async () => {
    h = await startHarness();
    const uri = await putJsonl(h.s3, "shards/stop-done/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("stop-done", uri));
    await waitForStatus(h, jobArn, ["Completed"]);
    await expect(
      h.client.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn })),
    ).rejects.toBeInstanceOf(ConflictException);
  });
});

describe("injected faults", () => {
  test("throttling: the next calls answer ThrottlingException, then service resumes", async () => {
    h = await startHarness({ faults: { throttleCalls: 2 } });
    const list = () => h?.client.send(new ListModelInvocationJobsCommand({}));
    await expect(list()).rejects.toBeInstanceOf(ThrottlingException);
    await expect(list()).rejects.toBeInstanceOf(ThrottlingException);
    await expect(list()).resolves.toMatchObject({ invocationJobSummaries: [] });
  });

  test("a failed job ends Failed with a message and an event carrying it", async () => {
    h = await startHarness({ faults: { failJobs: 1 } });
    const uri = await putJsonl(h.s3, "shards/fail/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("fail", uri));
    const job = await waitForStatus(h, jobArn, ["Failed", "Completed"]);
    expect(job).toMatchObject({ status: "Failed", message: expect.stringMatching(/Internal failure/) });
    expect(statusesOf(h, jobArn)).toEqual(["Submitted", "Validating", "Scheduled", "InProgress", "Failed"]);
  });

  test("a job that runs out of time ends PartiallyCompleted, the records it did not reach absent from its output", async () => {
    h = await startHarness({ faults: { partialJobs: { count: 1, unprocessed: 0.25 } } });
    const input = records(200);
    const uri = await putJsonl(h.s3, "shards/partial/input.jsonl", input);
    const jobArn = await createJob(h, createInput("partial", uri));
    const job = await waitForStatus(h, jobArn, ["PartiallyCompleted", "Completed", "Failed"]);
    expect(job).toMatchObject({ status: "PartiallyCompleted", successRecordCount: 150, errorRecordCount: 0 });
    const answered = (await readText(h.s3, `outputs/${jobIdOf(jobArn)}/input.jsonl.out`))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).recordId);
    // Bedrock works through the input in order; what it did not reach is the end of the file.
    expect(answered.sort()).toEqual(
      input
        .slice(0, 150)
        .map((r) => r.recordId)
        .sort(),
    );
    const manifest = JSON.parse(await readText(h.s3, `outputs/${jobIdOf(jobArn)}/manifest.json.out`));
    expect(manifest).toMatchObject({ totalRecordCount: 200, processedRecordCount: 150 });
  });

  test("with a record error rate, records fail one by one while the job still Completes", async () => {
    h = await startHarness({ faults: { recordErrorRate: 0.3 } });
    const uri = await putJsonl(h.s3, "shards/errors/input.jsonl", records(200));
    const jobArn = await createJob(h, createInput("errors", uri));
    const job = await waitForStatus(h, jobArn, ["PartiallyCompleted", "Completed", "Failed"]);
    expect(job.status).toBe("Completed");
    const lines = (await readText(h.s3, `outputs/${jobIdOf(jobArn)}/input.jsonl.out`))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const errors = lines.filter((l) => l.error);
    expect(lines).toHaveLength(200);
    expect(errors.length).toBe(job.errorRecordCount);
    expect(errors.length).toBeGreaterThan(20);
    expect(errors.length).toBeLessThan(120);
    expect(errors[0].error).toEqual({ errorCode: 500, errorMessage: expect.any(String) });
  });

  test("an expired job ends Expired without running", async () => {
    h = await startHarness({ faults: { expireJobs: 1 } });
    const uri = await putJsonl(h.s3, "shards/expire/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("expire", uri));
    const job = await waitForStatus(h, jobArn, ["Expired", "Completed"]);
    expect(job.status).toBe("Expired");
    expect(statusesOf(h, jobArn)).toEqual(["Submitted", "Validating", "Scheduled", "Expired"]);
  });

  test("a refused create answers ServiceQuotaExceededException although slots are free; the next one is taken", async () => {
    h = await startHarness({ faults: { refuseCreates: 1 } });
    const uri = await putJsonl(h.s3, "shards/refused/input.jsonl", records(100));
    await expect(
      h.client.send(new CreateModelInvocationJobCommand(createInput("refused", uri))),
    ).rejects.toBeInstanceOf(ServiceQuotaExceededException);
    const jobArn = await createJob(h, createInput("refused", uri));
    expect((await waitForStatus(h, jobArn, ["Completed", "Failed"])).status).toBe("Completed");
  });

  test("a job whose every record fails still ends Completed, every record an error line", async () => {
    h = await startHarness({ faults: { failAllRecordsJobs: 1 } });
    const uri = await putJsonl(h.s3, "shards/all-fail/input.jsonl", records(120));
    const jobArn = await createJob(h, createInput("all-fail", uri));
    const job = await waitForStatus(h, jobArn, ["Completed", "PartiallyCompleted", "Failed"]);
    expect(job).toMatchObject({
      status: "Completed",
      totalRecordCount: 120,
      successRecordCount: 0,
      errorRecordCount: 120,
    });
    const lines = (await readText(h.s3, `outputs/${jobIdOf(jobArn)}/input.jsonl.out`)).trim().split("\n");
    expect(lines.map((l) => Object.keys(JSON.parse(l)).includes("error"))).toEqual(Array(120).fill(true));
  });

  test("a job not yet running when its clock passes timeoutDurationInHours ends Expired", async () => {
    // 24 emulated hours last 240 ms of real time; the job would sit Scheduled for a minute.
    h = await startHarness({
      timing: { scale: 1, submittedMs: 0, validatingMs: 0, scheduledMs: 60_000, hourMs: 10 },
    });
    const uri = await putJsonl(h.s3, "shards/clock/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("clock", uri));
    const job = await waitForStatus(h, jobArn, ["Expired", "Completed", "PartiallyCompleted"]);
    expect(job.status).toBe("Expired");
    expect(statusesOf(h, jobArn)).toEqual(["Submitted", "Validating", "Scheduled", "Expired"]);
    expect(job.jobExpirationTime?.getTime()).toBe((job.submitTime?.getTime() ?? 0) + 24 * 10);
  });

  test("a job processing records when its clock passes its timeout ends PartiallyCompleted with the rest unprocessed", async () => {
    // 200 records at 20 ms each take at least 4 s; the timeout comes after 1.2 s.
    h = await startHarness({
      timing: { scale: 1, submittedMs: 0, validatingMs: 0, scheduledMs: 0, perRecordMs: 20, hourMs: 50 },
    });
    const uri = await putJsonl(h.s3, "shards/clock-run/input.jsonl", records(200));
    const jobArn = await createJob(h, createInput("clock-run", uri));
    const job = await waitForStatus(h, jobArn, ["Expired", "Completed", "PartiallyCompleted"]);
    expect(job.status).toBe("PartiallyCompleted");
    const processed = Number(job.processedRecordCount);
    expect(processed).toBeLessThan(200);
    const manifest = JSON.parse(await readText(h.s3, `outputs/${jobIdOf(jobArn)}/manifest.json.out`));
    expect(manifest).toMatchObject({ totalRecordCount: 200, processedRecordCount: processed });
  });

  test("dropped state-change events: the status still changes, only the event is lost", async () => {
    h = await startHarness({ faults: { dropEvents: 5 } });
    const uri = await putJsonl(h.s3, "shards/drop/input.jsonl", records(100));
    const jobArn = await createJob(h, createInput("drop", uri));
    await waitForStatus(h, jobArn, ["Completed"]);
    expect(statusesOf(h, jobArn)).toEqual([]);
  });

  test("a drop rate loses events from then on, until it is set back to 0", async () => {
    h = await startHarness({ faults: { dropEventRate: 1 } });
    const dropped = await createJob(
      h,
      createInput("rate-1", await putJsonl(h.s3, "shards/r1/input.jsonl", records(100))),
    );
    await waitForStatus(h, dropped, ["Completed"]);
    expect(statusesOf(h, dropped)).toEqual([]);
    await fetch(`${h.bedrock.endpoint}/_recap/faults`, {
      method: "POST",
      body: JSON.stringify({ dropEventRate: 0 }),
    });
    const heard = await createJob(
      h,
      createInput("rate-0", await putJsonl(h.s3, "shards/r0/input.jsonl", records(100))),
    );
    await waitForStatus(h, heard, ["Completed"]);
    expect(statusesOf(h, heard)).toEqual(["Submitted", "Validating", "Scheduled", "InProgress", "Completed"]);
  });

  test("faults can be added while running through the admin endpoint", async () => {
    h = await startHarness();
    const response = await fetch(`${h.bedrock.endpoint}/_recap/faults`, {
      method: "POST",
      body: JSON.stringify({ throttleCalls: 1 }),
    });
    expect(await response.json()).toMatchObject({ throttleCalls: 1 });
    await expect(h.client.send(new ListModelInvocationJobsCommand({}))).rejects.toBeInstanceOf(
      ThrottlingException,
    );
  });

  test("records whose modelInput does not fit the model fail one by one while the job still Completes", async () => {
    h = await startHarness();
    const good = records(100);
    const bad = Array.from({ length: 5 }, (_, i) => ({
      recordId: `bad${i}`,
      modelInput: { prompt: "not a Claude body" },
    }));
    const uri = await putJsonl(h.s3, "shards/mixed/input.jsonl", [...good, ...bad]);
    const jobArn = await createJob(h, createInput("mixed", uri));
    const job = await waitForStatus(h, jobArn, ["Completed", "PartiallyCompleted", "Failed"]);
    expect(job).toMatchObject({ status: "Completed", successRecordCount: 100, errorRecordCount: 5 });
    const lines = (await readText(h.s3, `outputs/${jobIdOf(jobArn)}/input.jsonl.out`))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      lines
        .filter((l) => l.error)
        .map((l) => l.recordId)
        .sort(),
    ).toEqual(bad.map((b) => b.recordId));
    expect(lines.find((l) => l.recordId === "bad0").error.errorCode).toBe(400);
  });
});
