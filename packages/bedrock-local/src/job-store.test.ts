import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Job } from "./job.ts";
import { UnreadableJobFileError } from "./job-file.ts";
import { fileJobStore } from "./job-store.ts";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "job-store-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const job = (): Job => ({
  jobId: "abcdefghijkl",
  jobArn: "arn:aws:bedrock:us-east-1:000000000000:model-invocation-job/abcdefghijkl",
  jobName: "stored",
  modelId: "anthropic.claude-3-haiku-20240307-v1:0",
  roleArn: "arn:aws:iam::000000000000:role/recap-batch",
  clientRequestToken: "token-1",
  modelInvocationType: "InvokeModel",
  inputUri: "s3://bucket/in.jsonl",
  outputUri: "s3://bucket/out/",
  tags: [{ key: "shard", value: "7" }],
  timeoutDurationInHours: 24,
  status: "InProgress",
  submitTime: new Date("2026-11-22T10:00:00.000Z"),
  lastModifiedTime: new Date("2026-11-22T10:05:00.000Z"),
  counts: { total: 100, processed: 0, success: 0, error: 0 },
  inputFiles: [{ bucket: "bucket", key: "in.jsonl", name: "in.jsonl", bytes: 1234 }],
  injected: { slowness: 2, recordErrorRate: 0.25, unprocessed: 0.5 },
});
const onDisk = () => JSON.parse(readFileSync(join(dataDir, "jobs", "abcdefghijkl.json"), "utf8")).job;

describe("fileJobStore", () => {
  test("a saved job reads back field for field, dates as dates", () => {
    const saved = job();
    fileJobStore(dataDir).saved(saved);
    expect(fileJobStore(dataDir).load()).toEqual([saved]);
  });

  test("progress is written at most once per interval, and what is pending is written on close", () => {
    const store = fileJobStore(dataDir, 60_000);
    const running = job();
    store.saved(running);
    running.counts = { total: 100, processed: 40, success: 40, error: 0 };
    store.progressed(running);
    expect(onDisk().counts.processed).toBe(0);
    store.close();
    expect(onDisk().counts.processed).toBe(40);
    running.status = "Completed";
    store.saved(running);
    expect(onDisk().status).toBe("InProgress");
  });

  test("a leftover temporary file is removed; only job files are read", () => {
    fileJobStore(dataDir).saved(job());
    writeFileSync(join(dataDir, "jobs", "abcdefghijkl.json.4242.tmp"), "{half a fi");
    expect(fileJobStore(dataDir).load()).toHaveLength(1);
    expect(readdirSync(join(dataDir, "jobs"))).toEqual(["abcdefghijkl.json"]);
  });

  test("a job file that cannot be read stops the start, naming the file", () => {
    const store = fileJobStore(dataDir);
    writeFileSync(join(dataDir, "jobs", "broken.json"), JSON.stringify({ version: 9, job: {} }));
    expect(() => store.load()).toThrow(UnreadableJobFileError);
    expect(() => store.load()).toThrow(/broken\.json is not a version 1 job file/);
  });
});
