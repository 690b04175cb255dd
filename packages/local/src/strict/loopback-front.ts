import {
  Agent,
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** What a front does with one request: answer it itself, or return `undefined` to pass it on untouched. */
export type FrontRule = (
  request: IncomingMessage,
  response: ServerResponse,
  passOn: (body?: Buffer) => void,
) => void | Promise<void>;

export interface LoopbackFront {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 in front of an emulator: each request goes to `rule`, which answers it
 * itself (an error AWS would give, a fault) or calls `passOn` to forward it to `target` as it came, or
 * with a body of its own (a rule that read the body to judge it hands it back). Used where an emulator
 * forgives what AWS refuses, so the fix lives in front of it, not in a fork of it.
 */
export async function startLoopbackFront(options: {
  target: string;
  rule: FrontRule;
  /** 0 picks a free port. */
  port?: number;
}): Promise<LoopbackFront> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((request, response) => {
    const passOn = (body?: Buffer) => {
      const headers = { ...request.headers };
      if (body) {
        headers["content-length"] = String(body.length);
        delete headers["transfer-encoding"];
      }
      const upstream = forward(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers,
          agent,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on("error", (error) => response.destroy(error));
      if (body) upstream.end(body);
      else request.pipe(upstream);
    };
    Promise.resolve(options.rule(request, response, passOn)).catch((error: unknown) =>
      response.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host: "127.0.0.1" }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

export class RequestBodyTooLargeError extends Error {
  override readonly name = "RequestBodyTooLargeError";
}

/**
 * The whole body of a request, for a rule (or a local server) that must read it before it decides. Past
 * `maxBytes` it stops reading and throws, so the caller refuses it in its own service's words.
 */
export async function readBody(
  request: IncomingMessage,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new RequestBodyTooLargeError(`The request body is over ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
