import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { z } from "zod";
import { RequestBodyTooLargeError, readBody } from "../strict/loopback-front.ts";
import { type AppliedChanges, AppliedStore, appliedChangesSchema } from "./applied-store.ts";
import type { AppliedValues } from "./applied-values.ts";
import {
  illegalArgument,
  ServiceQuotasError,
  serviceFault,
  tooManyRequests,
  unknownOperation,
} from "./errors.ts";
import { Faults, faultPlanSchema } from "./faults.ts";
import { serviceQuotasOperations } from "./operations.ts";

/** The awsJson1_1 target prefix of Service Quotas, as `@aws-sdk/client-service-quotas` sends it. */
export const SERVICE_QUOTAS_TARGET = "ServiceQuotasV20190624.";
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServiceQuotasLocalOptions {
  /** 0 picks a free port. */
  port: number;
  region?: string;
  account?: string;
  /** The account's applied values by quota code, in Service Quotas' units; none by default. */
  applied?: AppliedValues;
  /** Page size of a listing without MaxResults; 100 by default. Tests make it small to make readers page. */
  defaultPageSize?: number;
}

export interface ServiceQuotasLocal {
  endpoint: string;
  port: number;
  faults: Faults;
  /** The applied values now. */
  applied(): AppliedValues;
  /** Applies values (null removes one), as `POST /_recap/applied-quotas` does. */
  apply(changes: AppliedChanges): void;
  stop(): Promise<void>;
}

/**
 * A local Service Quotas endpoint of its own, on 127.0.0.1, for `@aws-sdk/client-service-quotas`: AWS's
 * catalogue of Bedrock's batch quotas, and the applied values of an account the caller describes. Besides
 * AWS's operations, `/_recap/health`, `/_recap/applied-quotas` (GET, POST) and `/_recap/faults` (GET, POST).
 */
export async function startServiceQuotasLocal(
  options: ServiceQuotasLocalOptions,
): Promise<ServiceQuotasLocal> {
  const store = new AppliedStore(options.applied);
  const faults = new Faults();
  const operations = serviceQuotasOperations({
    region: options.region ?? "us-east-1",
    account: options.account ?? "000000000000",
    applied: () => store.current(),
    defaultPageSize: options.defaultPageSize ?? 100,
  });

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/_recap/")) return admin(request, response, url.pathname.slice(8));
    try {
      const target = request.headers["x-amz-target"];
      if (typeof target !== "string" || !target.startsWith(SERVICE_QUOTAS_TARGET))
        throw unknownOperation(
          `No operation for ${request.method} ${url.pathname} with target ${String(target)}.`,
        );
      const body = await readJson(request);
      if (faults.throttle()) throw tooManyRequests();
      sendJson(response, 200, operations(target.slice(SERVICE_QUOTAS_TARGET.length), body));
    } catch (error) {
      const known = error instanceof ServiceQuotasError ? error : serviceFault("Something went wrong.");
      sendJson(response, known.status, { __type: known.type, message: known.message });
    }
  });

  async function admin(request: IncomingMessage, response: ServerResponse, what: string): Promise<void> {
    try {
      if (what === "health") return sendJson(response, 200, { ok: true });
      if (what === "applied-quotas") {
        if (request.method === "POST") store.change(parseWith(appliedChangesSchema, await readJson(request)));
        return sendJson(response, 200, store.current());
      }
      if (what === "faults") {
        if (request.method === "POST") faults.add(parseWith(faultPlanSchema, await readJson(request)));
        return sendJson(response, 200, faults.pending());
      }
      sendJson(response, 404, { message: `No admin endpoint /_recap/${what}` });
    } catch (error) {
      sendJson(response, 400, { message: (error as Error).message });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port, host: "127.0.0.1" }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    faults,
    applied: () => store.current(),
    apply: (changes) => store.change(appliedChangesSchema.parse(changes)),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw illegalArgument(parsed.error.message);
  return parsed.data;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request, MAX_BODY_BYTES).catch((error: unknown) => {
    throw error instanceof RequestBodyTooLargeError
      ? illegalArgument("The request body is too large.")
      : error;
  });
  const text = body.toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw illegalArgument("The request body is not valid JSON.");
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/x-amz-json-1.1",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": crypto.randomUUID(),
  });
  response.end(text);
}
