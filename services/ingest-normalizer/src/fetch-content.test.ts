import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { MAX_REFERENCED_TRANSCRIPT_BYTES } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openContent } from "./fetch-content.ts";
import { UnreadableTranscriptError } from "./formats/unreadable.ts";

/**
 * An S3 stand-in on loopback that answers each key the way S3 answers a real situation, so the real S3 client
 * parses real error responses: throttling cannot be provoked on the local emulator.
 */
const responses: Record<string, { status: number; headers?: Record<string, string>; body: Buffer | string }> =
  {
    "/store/raw/ok.txt": { status: 200, body: "Agent: Hello.\nCustomer: Hi." },
    "/store/raw/latin1.txt": { status: 200, body: Buffer.from([0x41, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9]) },
    "/store/raw/huge.txt": {
      status: 200,
      headers: { "content-length": String(MAX_REFERENCED_TRANSCRIPT_BYTES + 1) },
      body: "",
    },
    "/store/raw/missing.txt": {
      status: 404,
      body: "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>",
    },
    "/store/raw/throttled.txt": {
      status: 503,
      body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
    },
  };

/** A body with no declared length that goes on past the cap: only counting while streaming can stop it. */
function streamPastTheCap(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "text/plain" });
  const line = Buffer.from("Agent: and so on.\n".repeat(4096));
  let sent = 0;
  const pump = () => {
    while (sent <= MAX_REFERENCED_TRANSCRIPT_BYTES + line.length) {
      sent += line.length;
      if (!response.write(line)) return void response.once("drain", pump);
    }
    response.end();
  };
  response.on("error", () => {});
  pump();
}

let server: Server;
let s3: S3Client;
beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://s3").pathname;
    if (path === "/store/raw/endless.txt") return streamPastTheCap(response);
    const answer = responses[path] ?? { status: 500, body: "" };
    // S3 declares every body's length, as here; only huge.txt declares one it never sends.
    const length = String(Buffer.byteLength(answer.body));
    response.writeHead(answer.status, {
      "content-type": "application/xml",
      "content-length": length,
      ...answer.headers,
    });
    if (answer.headers?.["content-length"]) {
      // Announce a body too big to want, then hang up: the client must refuse on the header alone.
      response.flushHeaders();
      setTimeout(() => response.destroy(), 200);
    } else {
      response.end(answer.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  s3 = new S3Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  s3?.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "read",
    (error: unknown) =>
      error instanceof UnreadableTranscriptError ? error.code : `retry:${(error as Error).name}`,
  );

/** Opens and reads, as ingest does once the body fits its byte budget. */
const fetchContent = async (client: S3Client, uri: string) => (await openContent(client, uri)).read();

describe("openContent", () => {
  test("reads a referenced transcript as UTF-8 text", async () => {
    await expect(fetchContent(s3, "s3://store/raw/ok.txt")).resolves.toBe("Agent: Hello.\nCustomer: Hi.");
  });

  test("says what reading will hold before reading: the declared length, or the cap where none is declared", async () => {
    expect((await openContent(s3, "s3://store/raw/ok.txt")).bytes).toBe(27);
    const endless = await openContent(s3, "s3://store/raw/endless.txt");
    expect(endless.bytes).toBe(MAX_REFERENCED_TRANSCRIPT_BYTES);
    await endless.read().catch(() => {});
  });

  test("a missing object is the producer's to fix: missing-object", async () => {
    expect(await codeOf(fetchContent(s3, "s3://store/raw/missing.txt"))).toBe("missing-object");
  });

  test("bytes that are not UTF-8 are bad-encoding", async () => {
    expect(await codeOf(fetchContent(s3, "s3://store/raw/latin1.txt"))).toBe("bad-encoding");
  });

  test("an object over the size cap is oversize, refused before its body is read", async () => {
    expect(await codeOf(fetchContent(s3, "s3://store/raw/huge.txt"))).toBe("oversize");
  });

  test("a body with no declared size is cut off as oversize once it passes the cap", async () => {
    expect(await codeOf(fetchContent(s3, "s3://store/raw/endless.txt"))).toBe("oversize");
  });

  test("throttling is not a rejection: the S3 error is thrown as it is, so the message is retried", async () => {
    expect(await codeOf(fetchContent(s3, "s3://store/raw/throttled.txt"))).toBe("retry:SlowDown");
  });
});
