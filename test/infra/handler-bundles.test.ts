import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { bundleHandlers, type HandlerBundle } from "@recap/local/bundle/bundle-handlers";
import { sstBuildOptions } from "@recap/local/bundle/sst-esbuild-options";
import { repoRoot } from "@recap/local/repo-root";
import { type ServiceName, serviceNames } from "@recap/shared";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOf, functionOf } from "./graph.ts";
import { REGION } from "./sst-evaluation/mocks.ts";
import { type Evaluation, registeredResources } from "./sst-evaluation/registered-resources.ts";

/**
 * What SST would zip for each function, checked against what the infra hands SST: the handler path it
 * passes must name an exported function of the bundle, found as Lambda's Node runtime finds it.
 */
const LOADER = new URL("../../packages/local/src/bundle/lambda-handler.ts", import.meta.url).href;
const run = promisify(execFile);

interface FunctionArgs {
  /** The handler path the infra handed SST's build, and the Lambda function was created with. */
  handler: string;
  /** What SST's build got besides: each link's properties and the nodejs options (none here). */
  build: ReturnType<typeof buildOf>;
  environment: Record<string, string>;
}

let evaluation: Evaluation;
let dir: string;
let bundles: Map<ServiceName, HandlerBundle>;

beforeAll(async () => {
  evaluation = await registeredResources("dev");
  dir = await mkdtemp(path.join(tmpdir(), "recap-bundles-"));
  bundles = new Map((await bundleHandlers(dir)).map((bundle) => [bundle.service, bundle]));
}, 180_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function functionArgsOf(service: ServiceName): FunctionArgs {
  const fn = functionOf(evaluation, service);
  const build = buildOf(evaluation, fn);
  expect(fn.inputs.handler).toBe(build.handler);
  const { variables } = fn.inputs.environment as { variables: Record<string, string> };
  return { handler: build.handler, build, environment: variables };
}

/**
 * The environment the Lambda starts with: its own variables and the app, and each link's properties as
 * `SST_RESOURCE_<name>` (what SST's resource.enc carries, decrypted; the bundle here has no such file, so
 * SST's key variables are left out).
 */
function lambdaEnvironment(fn: FunctionArgs): Record<string, string> {
  const links = Object.entries(fn.build.links).map(([name, properties]) => [
    `SST_RESOURCE_${name}`,
    JSON.stringify(properties),
  ]);
  const own = Object.entries(fn.environment).filter(([key]) => key !== "SST_KEY" && key !== "SST_KEY_FILE");
  return {
    PATH: process.env.PATH ?? "",
    AWS_REGION: REGION,
    ...Object.fromEntries(own),
    ...Object.fromEntries(links),
  };
}

/** Loads the handler in a fresh Node in the code root, as a cold Lambda would, and names what it found. */
async function loadInLambdaLikeProcess(taskRoot: string, handler: string, env: Record<string, string>) {
  const script = `import { loadLambdaHandler } from ${JSON.stringify(LOADER)};
const fn = await loadLambdaHandler(process.cwd(), ${JSON.stringify(handler)});
console.log(JSON.stringify({ type: typeof fn, name: fn.name }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: taskRoot,
    env,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { type: string; name: string };
}

describe("each function's bundle", () => {
  it.each(serviceNames)(
    "%s: SST gets no nodejs options, so it bundles with the defaults mirrored here",
    (service) => {
      // SST hands its build `{ ...nodejs, architecture }`: nothing but the architecture means no options.
      expect(functionArgsOf(service).build.properties).toEqual({ architecture: "x86_64" });
    },
  );

  it.each(serviceNames)(
    "%s: the handler path passed to SST resolves to an exported function of its bundle",
    async (service) => {
      const fn = functionArgsOf(service);
      const bundle = bundles.get(service);
      if (!bundle) throw new Error(`no bundle for ${service}`);
      expect(path.relative(bundle.taskRoot, bundle.file)).toBe(`${fn.handler.replace(/\.[^.]+$/, "")}.mjs`);
      expect(bundle.external).toEqual([]);
      const found = await loadInLambdaLikeProcess(bundle.taskRoot, fn.handler, lambdaEnvironment(fn));
      expect(found.type).toBe("function");
    },
  );

  it("a handler path naming no export is refused, as Lambda refuses it", async () => {
    const fn = functionArgsOf("job-submitter");
    const bundle = bundles.get("job-submitter");
    if (!bundle) throw new Error("no bundle for job-submitter");
    const wrong = fn.handler.replace(/\.[^.]+$/, ".main");
    await expect(loadInLambdaLikeProcess(bundle.taskRoot, wrong, lambdaEnvironment(fn))).rejects.toThrow(
      /is not an exported function/,
    );
  });

  it("is byte for byte what SST's one build per function writes", async () => {
    const bundle = bundles.get("job-submitter");
    if (!bundle) throw new Error("no bundle for job-submitter");
    const alone = path.join(dir, "alone", "handler.mjs");
    const entry = path.join(repoRoot, "services/job-submitter/src/handler.ts");
    // SST runs esbuild from the project root.
    await build({ ...sstBuildOptions(entry, alone), absWorkingDir: repoRoot, logLevel: "silent" });
    expect((await readFile(alone)).equals(await readFile(bundle.file))).toBe(true);
  });
});
