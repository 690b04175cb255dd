import {
  Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import { crc32 } from "node:zlib";

/** DynamoDB's JSON protocol (awsJson1_0) names the operation in this header: `DynamoDB_20120810.<Op>`. */
const TARGET_PREFIX = "DynamoDB_20120810.";

export function operationOf(request: IncomingMessage): string | undefined {
  const target = request.headers["x-amz-target"];
  return typeof target === "string" && target.startsWith(TARGET_PREFIX)
    ? target.slice(TARGET_PREFIX.length)
    : undefined;
}

/** An HTTP answer held whole, so that a rule can read or change it before the client sees it. */
export interface WireAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Writes an answer, its length and DynamoDB's CRC32 of the body made right for a body the front changed. */
export function sendAnswer(response: ServerResponse, answer: WireAnswer): void {
  const headers = { ...answer.headers };
  delete headers["transfer-encoding"];
  headers["content-length"] = String(answer.body.length);
  headers["x-amz-crc32"] = String(crc32(answer.body));
  response.writeHead(answer.status, headers);
  response.end(answer.body);
}

export function jsonAnswer(status: number, payload: unknown, headers: IncomingHttpHeaders = {}): WireAnswer {
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.0", ...headers },
    body: Buffer.from(JSON.stringify(payload)),
  };
}

/** An error as DynamoDB words it: the SDK reads the exception's name from `__type`. */
export function errorAnswer(type: string, message: string): WireAnswer {
  return jsonAnswer(400, { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
}

/** The body of a successful answer, or an error named after DynamoDB's `__type` for one that failed. */
export function parseAnswer<T>(answer: WireAnswer): T {
  const payload = JSON.parse(answer.body.toString("utf8") || "{}") as T & {
    __type?: string;
    message?: string;
  };
  if (answer.status === 200) return payload;
  const type = payload.__type?.split("#").pop() ?? `HTTP ${answer.status}`;
  throw Object.assign(new Error(payload.message ?? type), { name: type });
}

/**
 * The emulator behind the front, spoken to in its own protocol: `relay` passes a client's request on with the
 * client's headers (its signature, which dynalite checks only for form), `call` makes the front's own requests
 * (copies, descriptions) with a signature of the right form.
 */
export class DynamoTarget {
  readonly #target: URL;
  readonly #agent = new Agent({ keepAlive: true });

  constructor(endpoint: string) {
    this.#target = new URL(endpoint);
  }

  relay(from: IncomingMessage, body: Buffer): Promise<WireAnswer> {
    return this.#send(from.url ?? "/", { ...from.headers, "content-length": String(body.length) }, body);
  }

  async call<T>(operation: string, input: unknown): Promise<T> {
    const body = Buffer.from(JSON.stringify(input));
    const date = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const answer = await this.#send(
      "/",
      {
        "content-type": "application/x-amz-json-1.0",
        "content-length": String(body.length),
        "x-amz-target": `${TARGET_PREFIX}${operation}`,
        "x-amz-date": date,
        authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
      },
      body,
    );
    return parseAnswer<T>(answer);
  }

  stop(): void {
    this.#agent.destroy();
  }

  #send(path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<WireAnswer> {
    return new Promise((resolve, reject) => {
      const upstream = request(
        {
          host: this.#target.hostname,
          port: this.#target.port,
          method: "POST",
          path,
          headers: { ...headers, host: this.#target.host },
          agent: this.#agent,
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("end", () =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers,
              body: Buffer.concat(chunks),
            }),
          );
          answer.on("error", reject);
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  }
}
