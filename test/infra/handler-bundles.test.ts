import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { bundleHandlers, type HandlerBundle } from "@recap/local/bundle/bundle-handlers";
import { sstBuildOptions } from "@recap/local/bundle/sst-esbuild-options";
import { repoRoot } from "@recap/local/repo-root";
import { queueName, type ServiceName, serviceNames } from "@recap/shared";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Args, buildInfra, REGION, type Recording, resolve } from "./stand-in.ts";

/**
 * What SST would zip for each function, checked against what the infra hands SST: the handler path it
 * passes must name an exported function of the bundle, found as Lambda's Node runtime finds it.
 */
const LOADER = new URL("../../packages/local/src/bundle/lambda-handler.ts", import.meta.url).href;
const run = promisify(execFile);

interface FunctionArgs {
  handler: string;
  nodejs?: unknown;
  environment?: Record<string, string>;
  link: { componentName: string; properties: Args }[];
}

let recording: Recording;
let dir: string;
let bundles: Map<ServiceName, HandlerBundle>;

beforeAll(async () => {
  recording = (await buildInfra({ stage: "dev" })).recording;
  dir = await mkdtemp(path.join(tmpdir(), "recap-bundles-"));
  bundles = new Map((await bundleHandlers(dir)).map((bundle) => [bundle.service, bundle]));
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

function functionOf(service: ServiceName): FunctionArgs {
  const [call] = recording.callsOf("sst.aws.Queue", "subscribe").filter((c) => c.on === queueName(service));
  if (!call) throw new Error(`${service} has no subscriber`);
  return call.args[0] as FunctionArgs;
}

/** The environment SST gives the Lambda: its own variables, the app, and each link's properties. */
function lambdaEnvironment(fn: FunctionArgs): Record<string, string> {
  const links = fn.link.map((link) => [
    `SST_RESOURCE_${link.componentName}`,
    JSON.stringify(resolve(link.properties)),
  ]);
  return {
    PATH: process.env.PATH ?? "",
    AWS_REGION: REGION,
    ...(resolve(fn.environment) as Record<string, string> | undefined),
    SST_RESOURCE_App: JSON.stringify({ name: "recap", stage: "dev" }),
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
      expect(functionOf(service).nodejs).toBeUndefined();
    },
  );

  it.each(serviceNames)(
    "%s: the handler path passed to SST resolves to an exported function of its bundle",
    async (service) => {
      const fn = functionOf(service);
      const bundle = bundles.get(service);
      if (!bundle) throw new Error(`no bundle for ${service}`);
      expect(path.relative(bundle.taskRoot, bundle.file)).toBe(`${fn.handler.replace(/\.[^.]+$/, "")}.mjs`);
      expect(bundle.external).toEqual([]);
      const found = await loadInLambdaLikeProcess(bundle.taskRoot, fn.handler, lambdaEnvironment(fn));
      expect(found.type).toBe("function");
    },
  );

  it("a handler path naming no export is refused, as Lambda refuses it", async () => {
    const fn = functionOf("job-submitter");
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
