import { seededRandom } from "@recap/bedrock-local/seeded-random";
import { startLoopbackFront } from "./strict/loopback-front.ts";

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
  const draw = seededRandom("flaky S3");
  let failed = 0;
  const front = await startLoopbackFront({
    target: options.target,
    rule: (request, response, passOn) => {
      if (draw() >= options.errorRate) return passOn();
      const error = S3_ERRORS[failed++ % S3_ERRORS.length] ?? S3_ERRORS[0];
      // The body the client is still sending is read and dropped, so its socket stays usable.
      request.resume();
      response.writeHead(error.status, { "content-type": "application/xml" });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${error.message}</Message></Error>`,
      );
    },
  });
  return { endpoint: front.endpoint, failed: () => failed, stop: front.stop };
}
