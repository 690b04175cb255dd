import { CreateBucketCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { markAnnounced, markerKey, wasAnnounced } from "@recap/ingest-normalizer/announcements";
import { startLoopbackFauxqs } from "@recap/local/loopback-fauxqs";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

const BUCKET = "announcement-markers";
let fauxqs: Awaited<ReturnType<typeof startLoopbackFauxqs>>;
let s3: S3Client;
beforeAll(async () => {
  fauxqs = await startLoopbackFauxqs({ port: 0 });
  // No logger, as in the services: the SDK's S3 checks then warn through console.warn.
  s3 = new S3Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${fauxqs.port}`,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => {
  s3?.destroy();
  await fauxqs?.stop();
});

describe("ingest-normalizer's announcement marker", () => {
  test("is an empty object the SDK puts with a known length, so it does not warn of a stream", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await wasAnnounced(s3, BUCKET, "rejected/t-1/abc")).toBe(false);
      await markAnnounced(s3, BUCKET, "rejected/t-1/abc");
      expect(warn.mock.calls.map((args) => args.join(" "))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
    expect(await wasAnnounced(s3, BUCKET, "rejected/t-1/abc")).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: markerKey("rejected/t-1/abc") }));
    expect(head.ContentLength).toBe(0);
  });
});
