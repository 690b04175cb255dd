import type { IncomingMessage, ServerResponse } from "node:http";
import type { ControlPlane } from "./control-plane.ts";
import {
  accessDenied,
  BedrockApiError,
  quotaExceeded,
  TooManyTagsError,
  throttled,
  validation,
} from "./errors.ts";
import { type Faults, faultPlanSchema } from "./faults.ts";
import { getFoundationModel, listFoundationModels } from "./foundation-models/api.ts";
import type { ListQuery } from "./list-jobs.ts";
import type { ModelBackend } from "./models/backend.ts";
import { baseModelId } from "./models/model-id.ts";
import { invokeModel } from "./runtime.ts";
import type { UsageEvent } from "./usage/usage-meter.ts";
import type { Usage } from "./usage/usage-schema.ts";

export interface RouteDeps {
  controlPlane: ControlPlane;
  backend: ModelBackend;
  faults: Faults;
  region: string;
  /** Bills a successful on-demand call. */
  bill: (event: UsageEvent) => void;
  usage: () => Usage;
}

const MAX_BODY_BYTES = 25 * 1024 * 1024;

/**
 * Bedrock's REST paths (rest-json), and `/_recap/*` for health and fault injection. Service Quotas is not
 * served here: on AWS it is a service of its own, and so it is locally (packages/local/src/service-quotas).
 */
export function createRoutes(deps: RouteDeps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
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
        if (deps.faults.fire("refuseOnDemand"))
          throw accessDenied("You don't have access to the model with the specified model ID.");
        const result = await invokeModel(deps.backend, id, await readJson(request), action);
        deps.bill({ kind: "on-demand", modelId: baseModelId(id), ...result.usage });
        return send(response, 200, result.body, result.headers);
      }
      if (route === "POST /tagResource" && !id)
        return send(response, 200, deps.controlPlane.tagResource(await readJson(request)));
      if (route === "POST /untagResource" && !id)
        return send(response, 200, deps.controlPlane.untagResource(await readJson(request)));
      if (route === "POST /listTagsForResource" && !id)
        return send(response, 200, deps.controlPlane.listTags(await readJson(request)));
      if (route === "GET /foundation-models" && id && !action)
        return send(response, 200, getFoundationModel(id, deps.region));
      if (route === "GET /foundation-models" && !id)
        return send(response, 200, listFoundationModels(Object.fromEntries(url.searchParams), deps.region));
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
      return send(response, apiError.status, {
        message: apiError.message,
        ...(apiError instanceof TooManyTagsError ? { resourceName: apiError.resourceName } : {}),
      });
    }
  };
}

async function admin(deps: RouteDeps, request: IncomingMessage, what: string | undefined): Promise<unknown> {
  if (what === "health") return { ok: true, backend: deps.backend.name };
  if (what === "usage" && request.method === "GET") return deps.usage();
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
