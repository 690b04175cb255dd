import type { IncomingMessage, ServerResponse } from "node:http";
import type { ControlPlane } from "./control-plane.ts";
import { BedrockApiError, quotaExceeded, throttled, validation } from "./errors.ts";
import { type Faults, faultPlanSchema } from "./faults.ts";
import type { ListQuery } from "./list-jobs.ts";
import type { ModelBackend } from "./models/backend.ts";
import { invokeModel } from "./runtime.ts";
import { SERVICE_QUOTAS_TARGET, tooManyRequests } from "./service-quotas.ts";

export interface RouteDeps {
  controlPlane: ControlPlane;
  backend: ModelBackend;
  faults: Faults;
  /** An awsJson1_1 Service Quotas operation, by its `X-Amz-Target`. */
  serviceQuotas: (target: string, body: unknown) => unknown;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * Bedrock's REST paths (rest-json); Service Quotas, which speaks awsJson1_1 (`POST /` named by the
 * `X-Amz-Target` header); and `/_recap/*` for health and fault injection.
 */
export function createRoutes(deps: RouteDeps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const target = request.headers["x-amz-target"];
    if (typeof target === "string" && target.startsWith(SERVICE_QUOTAS_TARGET)) {
      return awsJson(response, async () => {
        if (deps.faults.fire("throttleCalls")) throw tooManyRequests();
        return deps.serviceQuotas(target, await readJson(request));
      });
    }
    const url = new URL(request.url ?? "/", "http://localhost");
    // Split before decoding: an ARN identifier arrives percent-encoded, slashes and all.
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const route = `${request.method} /${segments[0] ?? ""}`;
    try {
      if (segments[0] === "_recap") return send(response, 200, await admin(deps, request, segments[1]));
      if (deps.faults.fire("throttleCalls")) throw throttled();
      const [, id, action] = segments;
      if (route === "POST /model-invocation-job" && !id) {
        if (deps.faults.fire("refuseCreates"))
          throw quotaExceeded("The number of batch inference jobs for this account would exceed its quota.");
        return send(response, 200, await deps.controlPlane.create(await readJson(request)));
      }
      if (route === "GET /model-invocation-jobs") {
        return send(response, 200, deps.controlPlane.list(Object.fromEntries(url.searchParams) as ListQuery));
      }
      if (route === "GET /model-invocation-job" && id && !action)
        return send(response, 200, deps.controlPlane.get(id));
      if (route === "POST /model-invocation-job" && id && action === "stop") {
        return send(response, 200, deps.controlPlane.stop(id));
      }
      if (route === "POST /model" && id && (action === "invoke" || action === "converse")) {
        const result = await invokeModel(deps.backend, id, await readJson(request), action);
        return send(response, 200, result.body, result.headers);
      }
      throw new BedrockApiError(
        "UnknownOperationException",
        404,
        `No operation at ${request.method} ${url.pathname}`,
      );
    } catch (error) {
      const apiError =
        error instanceof BedrockApiError
          ? error
          : new BedrockApiError("InternalServerException", 500, String(error));
      response.setHeader("x-amzn-errortype", apiError.type);
      return send(response, apiError.status, { message: apiError.message });
    }
  };
}

/** awsJson1_1 answers: errors are a 400 (or 5xx) with `{ "__type": name, "message" }` in the body. */
async function awsJson(response: ServerResponse, operation: () => Promise<unknown>): Promise<void> {
  const type = { "content-type": "application/x-amz-json-1.1" };
  try {
    send(response, 200, await operation(), type);
  } catch (error) {
    const apiError =
      error instanceof BedrockApiError ? error : new BedrockApiError("ServiceException", 500, String(error));
    send(response, apiError.status, { __type: apiError.type, message: apiError.message }, type);
  }
}

async function admin(deps: RouteDeps, request: IncomingMessage, what: string | undefined): Promise<unknown> {
  if (what === "health") return { ok: true, backend: deps.backend.name };
  if (what === "faults" && request.method === "POST") {
    const plan = faultPlanSchema.safeParse(await readJson(request));
    if (!plan.success) throw validation(`Invalid fault plan: ${plan.error.message}`);
    deps.faults.add(plan.data);
  }
  if (what === "faults") return deps.faults.pending();
  throw new BedrockApiError("UnknownOperationException", 404, `No admin endpoint ${what ?? ""}`);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw validation("The request body is too large.");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw validation("The request body is not valid JSON.");
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": crypto.randomUUID(),
    ...headers,
  });
  response.end(text);
}
