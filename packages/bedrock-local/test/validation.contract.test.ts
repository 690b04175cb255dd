import { CreateModelInvocationJobCommand, ValidationException } from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  anthropicRecord,
  BUCKET,
  call,
  createInput,
  createJob,
  type Harness,
  putJsonl,
  records,
  startHarness,
  waitForStatus,
} from "./harness.ts";

let h: Harness;
let goodInput: string;
beforeAll(async () => {
  h = await startHarness({ quotas: { maxRecordsPerJob: 300, maxRecordsPerFile: 250 } });
  goodInput = await putJsonl(h.s3, "shards/valid/input.jsonl", records(100));
});
afterAll(() => h?.stop());

describe("CreateModelInvocationJob refuses what Bedrock refuses, with ValidationException", () => {
  // Each message names what is wrong, as Bedrock's do: the field and its constraint, or the missing thing.
  test.each([
    [
      "a job name that breaks the pattern",
      { jobName: "bad name!" },
      /^1 validation error detected: Value 'bad name!' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    ],
    [
      "a job name over 63 characters",
      { jobName: "j".repeat(64) },
      /Value 'j{64}' at 'jobName' failed to satisfy constraint: Member must have length less than or equal to 63$/,
    ],
    [
      "a timeout under 24 hours",
      { timeoutDurationInHours: 23 },
      /Value '23' at 'timeoutDurationInHours' .*Member must have value greater than or equal to 24/,
    ],
    [
      "a timeout over 168 hours",
      { timeoutDurationInHours: 169 },
      /Value '169' at 'timeoutDurationInHours' .*Member must have value less than or equal to 168/,
    ],
    [
      "a role that is not an IAM role ARN",
      { roleArn: "my-role" },
      /Value 'my-role' at 'roleArn' .*regular expression pattern: arn:aws/,
    ],
    [
      "an unknown model",
      { modelId: "acme.unheard-of-model-v1" },
      /^The provided model identifier is invalid: acme\.unheard-of-model-v1$/,
    ],
    [
      "an input object that does not exist",
      { inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://${BUCKET}/nope/missing.jsonl` } } },
      /nope\/missing\.jsonl holds no JSONL file/,
    ],
    [
      "an input bucket that does not exist",
      { inputDataConfig: { s3InputDataConfig: { s3Uri: "s3://no-such-bucket-here/x.jsonl" } } },
      /input S3 bucket of s3:\/\/no-such-bucket-here\/x\.jsonl does not exist/,
    ],
    [
      "an output bucket that does not exist",
      { outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://no-such-bucket-here/out/" } } },
      /output S3 bucket no-such-bucket-here does not exist/,
    ],
  ] as const)("%s", async (_what, overrides, message) => {
    const error = await h.client
      .send(
        new CreateModelInvocationJobCommand(
          createInput(`v-${Math.random().toString(36).slice(2, 8)}`, goodInput, overrides),
        ),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toMatch(message);
  });
});

describe("input that passes the request checks fails the job while Validating, with a message", () => {
  const failsWith = async (name: string, lines: string[], message: RegExp) => {
    const key = `shards/${name}/input.jsonl`;
    await h.s3.send(
      new (await import("@aws-sdk/client-s3")).PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: lines.join("\n"),
      }),
    );
    const jobArn = await createJob(h, createInput(name, `s3://${BUCKET}/${key}`));
    const job = await waitForStatus(h, jobArn, ["Failed", "Completed"]);
    expect(job.status).toBe("Failed");
    expect(job.message).toMatch(message);
    expect(
      h.events.find((e) => e.detail.batchJobArn === jobArn && e.detail.status === "Failed")?.detail
        .failureMessage,
    ).toBe(job.message);
  };
  const json = (rs: unknown[]) => rs.map((r) => JSON.stringify(r));

  test("fewer records than the per-job minimum", async () => {
    await failsWith("too-few", json(records(99)), /at least 100 records/);
  });
  test("more records than the per-job maximum", async () => {
    await putJsonl(h.s3, "shards/too-many/b.jsonl", records(200, "b"));
    await putJsonl(h.s3, "shards/too-many/a.jsonl", records(200, "a"));
    const jobArn = await createJob(h, createInput("too-many", `s3://${BUCKET}/shards/too-many/`));
    const job = await waitForStatus(h, jobArn, ["Failed", "Completed"]);
    expect(job).toMatchObject({
      status: "Failed",
      message: expect.stringMatching(/400 records; the quota is 300/),
    });
  });
  test("more records in one file than the per-file maximum", async () => {
    await failsWith("file-too-big", json(records(260)), /260 records; the quota is 250 per file/);
  });
  test("a line that is not JSON", async () => {
    await failsWith(
      "bad-json",
      [...json(records(120)).slice(0, 50), "{oops", ...json(records(120)).slice(50)],
      /line 51 is not valid JSON/,
    );
  });
  test("a record without a modelInput object", async () => {
    await failsWith(
      "no-input",
      [...json(records(110)), JSON.stringify({ recordId: "x1" })],
      /modelInput must be a JSON object/,
    );
  });
  test("duplicate record ids", async () => {
    const rs = records(110);
    await failsWith(
      "dupes",
      json([...rs, anthropicRecord(rs[3]?.recordId ?? "", call(3))]),
      /Duplicate recordId r000003/,
    );
  });
});

describe("size quotas", () => {
  test("an input file over the per-file size quota fails validation", async () => {
    const small = await startHarness({ quotas: { maxInputFileBytes: 10_000 } });
    try {
      const uri = await putJsonl(small.s3, "shards/big/input.jsonl", records(100));
      const job = await waitForStatus(small, await createJob(small, createInput("big-file", uri)), [
        "Failed",
        "Completed",
      ]);
      expect(job).toMatchObject({
        status: "Failed",
        message: expect.stringMatching(/quota is 10000 bytes per file/),
      });
    } finally {
      await small.stop();
    }
  });
  test("a job whose files add up to more than the per-job size quota fails validation", async () => {
    const small = await startHarness({ quotas: { maxJobInputBytes: 60_000 } });
    try {
      await putJsonl(small.s3, "shards/sum/a.jsonl", records(100, "a"));
      await putJsonl(small.s3, "shards/sum/b.jsonl", records(100, "b"));
      const job = await waitForStatus(
        small,
        await createJob(small, createInput("big-job", `s3://${BUCKET}/shards/sum/`)),
        ["Failed", "Completed"],
      );
      expect(job).toMatchObject({
        status: "Failed",
        message: expect.stringMatching(/quota is 60000 bytes per job/),
      });
    } finally {
      await small.stop();
    }
  });
});
