import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BedrockClient,
  GetModelInvocationJobCommand,
  ListModelInvocationJobsCommand,
  ServiceQuotaExceededException,
} from "@aws-sdk/client-bedrock";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
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
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "bedrock-local-"));
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Records paced at 20 ms each: a 300-record job is InProgress for about six seconds. */
const paced = { scale: 1, submittedMs: 0, validatingMs: 0, scheduledMs: 0, perRecordMs: 20 };
const statusesOf = (harness: Harness, jobArn: string) =>
  harness.events.filter((e) => e.detail.batchJobArn === jobArn).map((e) => e.detail.status);

async function expectFullOutput(harness: Harness, jobArn: string, total: number): Promise<void> {
  const jobId = jobIdOf(jobArn);
  const lines = (await readText(harness.s3, `outputs/${jobId}/input.jsonl.out`)).trim().split("\n");
  expect(lines).toHaveLength(total);
  expect(new Set(lines.map((l) => JSON.parse(l).recordId)).size).toBe(total);
  const manifest = JSON.parse(await readText(harness.s3, `outputs/${jobId}/manifest.json.out`));
  expect(manifest).toMatchObject({
    totalRecordCount: total,
    processedRecordCount: total,
    successRecordCount: total,
  });
}

describe("jobs survive a restart on the same dataDir", () => {
  test("a job stopped mid-run is still listed, runs its records again and ends Completed with its output", async () => {
    h = await startHarness({ dataDir, timing: paced });
    const uri = await putJsonl(h.s3, "shards/restart/input.jsonl", records(300));
    const input = createInput("restart-mid-job", uri, { clientRequestToken: "shard-7-attempt-1" });
    const jobArn = await createJob(h, input);
    await waitForStatus(h, jobArn, ["InProgress"]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = await h.client.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    expect(before.processedRecordCount).toBeLessThan(300);

    await h.restart({ dataDir, timing: { scale: 0 } });
    const listed = await h.client.send(
      new ListModelInvocationJobsCommand({ nameContains: "restart-mid-job" }),
    );
    expect(listed.invocationJobSummaries?.map((j) => j.jobArn)).toEqual([jobArn]);
    const job = await waitForStatus(h, jobArn, ["Completed", "Failed", "Stopped"]);
    expect(job).toMatchObject({
      status: "Completed",
      submitTime: before.submitTime,
      processedRecordCount: 300,
    });
    // The status it resumed in is not announced again; only the change that followed.
    expect(statusesOf(h, jobArn)).toEqual(["Completed"]);
    await expectFullOutput(h, jobArn, 300);

    await expect(createJob(h, input)).resolves.toBe(jobArn);
    const again = await h.client.send(
      new ListModelInvocationJobsCommand({ nameContains: "restart-mid-job" }),
    );
    expect(again.invocationJobSummaries).toHaveLength(1);
  });

  test("a finished job is served as it was; the active-job quota counts the jobs that resumed", async () => {
    h = await startHarness({
      dataDir,
      modelQuotas: { "anthropic.claude-3-haiku-20240307-v1:0": { maxActiveJobs: 2 } },
    });
    const uri = await putJsonl(h.s3, "shards/quota-restart/input.jsonl", records(100));
    const done = await createJob(h, createInput("finished-before", uri));
    const finished = await waitForStatus(h, done, ["Completed"]);

    const waiting = {
      dataDir,
      timing: { scale: 1, submittedMs: 60_000 },
      modelQuotas: { "anthropic.claude-3-haiku-20240307-v1:0": { maxActiveJobs: 2 } },
    };
    await h.restart(waiting);
    await createJob(h, createInput("waiting-1", uri));
    await createJob(h, createInput("waiting-2", uri));
    await h.restart(waiting);
    await expect(createJob(h, createInput("waiting-3", uri))).rejects.toBeInstanceOf(
      ServiceQuotaExceededException,
    );
    const served = await h.client.send(new GetModelInvocationJobCommand({ jobIdentifier: done }));
    expect(served).toMatchObject({
      status: "Completed",
      endTime: finished.endTime,
      lastModifiedTime: finished.lastModifiedTime,
      totalRecordCount: 100,
      successRecordCount: 100,
    });
  });

  test("a Scheduled job continues from Scheduled; a job saved as Stopping ends Stopped", async () => {
    h = await startHarness({
      dataDir,
      timing: { scale: 1, submittedMs: 0, validatingMs: 0, scheduledMs: 60_000 },
    });
    const uri = await putJsonl(h.s3, "shards/phases/input.jsonl", records(100));
    const scheduled = await createJob(h, createInput("was-scheduled", uri));
    const stopping = await createJob(h, createInput("was-stopping", uri));
    await waitForStatus(h, scheduled, ["Scheduled"]);
    await waitForStatus(h, stopping, ["Scheduled"]);
    await h.bedrock.stop();
    // As if the emulator died between Stopping and Stopped.
    const file = join(dataDir, "jobs", `${jobIdOf(stopping)}.json`);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...saved, job: { ...saved.job, status: "Stopping" } }));

    await h.restart({ dataDir, timing: { scale: 0 } });
    expect(await waitForStatus(h, scheduled, ["Completed", "Failed"])).toMatchObject({ status: "Completed" });
    expect(statusesOf(h, scheduled)).toEqual(["InProgress", "Completed"]);
    expect(await waitForStatus(h, stopping, ["Stopped"])).toMatchObject({ endTime: expect.any(Date) });
    expect(statusesOf(h, stopping)).toEqual(["Stopped"]);
    expect(readdirSync(join(dataDir, "jobs")).sort()).toEqual(
      [scheduled, stopping].map((arn) => `${jobIdOf(arn)}.json`).sort(),
    );
  });

  test("after a crash (SIGKILL mid-job), a new emulator finishes the job", async () => {
    h = await startHarness();
    const uri = await putJsonl(h.s3, "shards/crash/input.jsonl", records(300));
    const child = spawn(
      process.execPath,
      [
        new URL("./bedrock-process.ts", import.meta.url).pathname,
        h.s3Endpoint,
        dataDir,
        JSON.stringify(paced),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      const { port } = JSON.parse(line.toString()) as { port: number };
      const crashing = new BedrockClient({
        region: "us-east-1",
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
        maxAttempts: 1,
      });
      const { jobArn } = await crashing.send(
        new (await import("@aws-sdk/client-bedrock")).CreateModelInvocationJobCommand(
          createInput("crash", uri, { clientRequestToken: "crash-token" }),
        ),
      );
      if (!jobArn) throw new Error("no jobArn");
      for (;;) {
        const job = await crashing.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
        if ((job.processedRecordCount ?? 0) >= 60) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      crashing.destroy();
      child.kill("SIGKILL");
      await once(child, "exit");

      await h.restart({ dataDir });
      const job = await waitForStatus(h, jobArn, ["Completed", "Failed", "Stopped"]);
      expect(job).toMatchObject({ status: "Completed", processedRecordCount: 300 });
      await expectFullOutput(h, jobArn, 300);
      await expect(
        createJob(h, createInput("crash", uri, { clientRequestToken: "crash-token" })),
      ).resolves.toBe(jobArn);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
