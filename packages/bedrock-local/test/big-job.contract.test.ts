import { afterAll, beforeAll, expect, test } from "vitest";
import {
  anthropicRecord,
  call,
  createInput,
  createJob,
  type Harness,
  jobIdOf,
  putJsonl,
  readText,
  startHarness,
  waitForStatus,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

test("a 5,000-record job writes every record once, through a multipart upload, with a matching manifest", async () => {
  // Calls of about 1 KB each, like short real ones: enough output to need several 5 MiB parts.
  const input = Array.from({ length: 5_000 }, (_, i) =>
    anthropicRecord(`r${String(i).padStart(6, "0")}`, call(i).repeat(4)),
  );
  const jobArn = await createJob(
    h,
    createInput("five-thousand", await putJsonl(h.s3, "shards/5k/input.jsonl", input)),
  );
  const job = await waitForStatus(h, jobArn, ["Completed", "Failed"], 120_000);
  expect(job).toMatchObject({ status: "Completed", totalRecordCount: 5_000, successRecordCount: 5_000 });

  const jobId = jobIdOf(jobArn);
  const text = await readText(h.s3, `outputs/${jobId}/input.jsonl.out`);
  // Larger than one 5 MiB part, so the output went up in several parts.
  expect(Buffer.byteLength(text)).toBeGreaterThan(5 * 1024 * 1024);
  const lines = text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { recordId: string; modelOutput?: unknown });
  expect(lines).toHaveLength(5_000);
  expect(new Set(lines.map((l) => l.recordId)).size).toBe(5_000);
  expect(lines.every((l) => l.modelOutput)).toBe(true);
  const manifest = JSON.parse(await readText(h.s3, `outputs/${jobId}/manifest.json.out`));
  expect(manifest).toMatchObject({
    totalRecordCount: 5_000,
    processedRecordCount: 5_000,
    successRecordCount: 5_000,
    errorRecordCount: 0,
  });
});
