import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ACCOUNT, REGION } from "./mocks.ts";

/**
 * The two calls SST's components make to the CLI that runs them (`rpc.call` in
 * .sst/platform/src/components/rpc/rpc.ts, a JSON POST to `$SST_SERVER/rpc`), answered as the CLI
 * would without AWS: the bootstrap bucket's name, and a build that yields an empty code directory (the
 * bundles themselves are checked by handler-bundles.test.ts). Any other method is refused in SST's own
 * words, which its client turns into MethodNotFoundError, so a new call is noticed.
 */

export interface RuntimeBuildInput {
  functionID: string;
  handler: string;
  runtime: string;
  links: Record<string, Record<string, unknown>>;
  properties: Record<string, unknown>;
  dev: boolean;
}

export interface CliCall {
  readonly method: string;
  readonly args: unknown;
}

export const BOOTSTRAP = {
  asset: `sst-asset-${ACCOUNT}-${REGION}`,
  assetEcrRegistryId: ACCOUNT,
  assetEcrUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/sst-asset`,
  state: `sst-state-${ACCOUNT}-${REGION}`,
  appsyncHttp: "",
  appsyncRealtime: "",
};

function answer(method: string, args: unknown, workDir: string): unknown {
  switch (method) {
    case "Provider.Aws.Bootstrap":
      return BOOTSTRAP;
    case "Runtime.Build": {
      const input = args as RuntimeBuildInput;
      const out = path.join(workDir, "build", input.functionID);
      mkdirSync(out, { recursive: true });
      return { handler: input.handler, out, errors: [], sourcemaps: [] };
    }
    default:
      return undefined;
  }
}

/** Serves SST's CLI calls on 127.0.0.1; `calls` records each, for the tests to read. */
export async function startCliRpc(
  workDir: string,
): Promise<{ url: string; calls: CliCall[]; server: Server }> {
  const calls: CliCall[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const { method, params } = JSON.parse(body) as { method: string; params: unknown[] };
      calls.push({ method, args: params[0] });
      const result = answer(method, params[0], workDir);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          result === undefined ? { error: `rpc: can't find method ${method}` } : { result, error: null },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, server };
}
