import { Agent, createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "@recap/bedrock-local/seeded-random";

export interface FlakyS3 {
  endpoint: string;
  /** Requests answered with an error instead of being passed on. */
  failed(): number;
  stop(): Promise<void>;
}

/** What S3 answers when it is having a bad moment: both are retryable, and the SDK retries them. */
const S3_ERRORS = [
  { status: 500, code: "InternalError", message: "We encountered an internal error. Please try again." },
  { status: 503, code: "SlowDown", message: "Please reduce your request rate." },
] as const;

/**
 * An S3 that intermittently answers 500 InternalError or 503 SlowDown, as the real one does under load: a
 * proxy on 127.0.0.1 in front of the emulator's S3, failing each request with `errorRate` probability (seeded,
 * so a run can be repeated) and passing the rest on untouched.
 */
export async function startFlakyS3(options: { target: string; errorRate: number }): Promise<FlakyS3> {
  const target = new URL(options.target);
  const draw = seededRandom("flaky S3");
  const agent = new Agent({ keepAlive: true });
  let failed = 0;
  const server = createServer((request, response) => {
    if (draw() < options.errorRate) {
      const error = S3_ERRORS[failed++ % S3_ERRORS.length] ?? S3_ERRORS[0];
      // The body the client is still sending is read and dropped, so its socket stays usable.
      request.resume();
      response.writeHead(error.status, { "content-type": "application/xml" });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${error.message}</Message></Error>`,
      );
      return;
    }
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", (error) => response.destroy(error));
    request.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    failed: () => failed,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
