import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { FauxqsServer } from "fauxqs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FlakyS3, startFlakyS3 } from "./flaky-s3.ts";
import { startLoopbackFauxqs } from "./loopback-fauxqs.ts";

const credentials = { accessKeyId: "test", secretAccessKey: "test" };
let fauxqs: FauxqsServer;
let flaky: FlakyS3;
beforeAll(async () => {
  fauxqs = await startLoopbackFauxqs({ port: 0 });
  flaky = await startFlakyS3({ target: `http://127.0.0.1:${fauxqs.port}`, errorRate: 0.3 });
});
afterAll(async () => {
  await flaky.stop();
  await fauxqs.stop();
});

const s3 = (maxAttempts: number) =>
  new S3Client({
    region: "us-east-1",
    credentials,
    endpoint: flaky.endpoint,
    forcePathStyle: true,
    maxAttempts,
  });

describe("an S3 that intermittently answers 500 and 503", () => {
  test("without retries the SDK sees InternalError and SlowDown; what passes reaches the emulator intact", async () => {
    const client = s3(1);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const name = await client
        .send(new CreateBucketCommand({ Bucket: `flaky-${i}` }))
        .then(() => "ok")
        .catch((error: Error) => error.name);
      outcomes.set(name, (outcomes.get(name) ?? 0) + 1);
    }
    expect([...outcomes.keys()].sort()).toEqual(["InternalError", "SlowDown", "ok"]);
    expect((outcomes.get("InternalError") ?? 0) + (outcomes.get("SlowDown") ?? 0)).toBe(flaky.failed());
    client.destroy();
  });

  test("with the SDK's standard retries, every put and get of a body succeeds", async () => {
    const client = s3(10);
    await client.send(new CreateBucketCommand({ Bucket: "flaky-retried" }));
    const before = flaky.failed();
    for (let i = 0; i < 8; i++) {
      const Body = `body ${i} `.repeat(1000);
      await client.send(new PutObjectCommand({ Bucket: "flaky-retried", Key: `k${i}`, Body }));
      const got = await client.send(new GetObjectCommand({ Bucket: "flaky-retried", Key: `k${i}` }));
      expect(await got.Body?.transformToString()).toBe(Body);
    }
    expect(flaky.failed()).toBeGreaterThan(before);
    client.destroy();
  });
});
