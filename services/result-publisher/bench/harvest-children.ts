import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import type { SQSEvent } from "aws-lambda";
import { ENDPOINTS_ENV, type HarvestEndpoints, lambdaEnvironment } from "./harvest-env.ts";
import type { InvokeResult } from "./harvest-invoke.ts";

const here = (file: string) => new URL(file, import.meta.url).pathname;
// fauxqs uses node:sqlite, whose experimental warning is only noise here.
const QUIET = "--disable-warning=ExperimentalWarning";

export interface Emulators {
  endpoints: HarvestEndpoints;
  stop(): Promise<void>;
}

/** Starts harvest-emulators.ts and waits for its endpoints line. */
export async function startEmulators(): Promise<Emulators> {
  // The emulators hold the output, every summary and every event: room beyond the default heap.
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=8192", QUIET, here("./harvest-emulators.ts")],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const exited = once(child, "exit");
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout }), "line"),
    exited.then(([code]) => {
      throw new Error(`harvest-emulators.ts exited with ${code} before it was ready`);
    }),
  ])) as [string];
  return {
    endpoints: JSON.parse(line) as HarvestEndpoints,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs harvest-fixture.ts with `args` to completion and returns the JSON line it answers with. */
export async function runFixture<T>(endpoints: HarvestEndpoints, args: string[]): Promise<T> {
  const child = spawn(process.execPath, [QUIET, here("./harvest-fixture.ts"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, [ENDPOINTS_ENV]: JSON.stringify(endpoints) },
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`harvest-fixture.ts ${args.join(" ")} exited with ${code}`);
  return JSON.parse(output.trim().split("\n").at(-1) ?? "") as T;
}

export interface Invocation {
  label: string;
  /** As the parent saw it: spawn to exit, ms. */
  wallMs: number;
  /** Undefined when the invocation was killed. */
  result: InvokeResult | undefined;
  killed: boolean;
}

/**
 * One Lambda invocation: a fresh `node` process (a cold start, as a new Lambda instance has) running
 * harvest-invoke.ts on `event`, with only the environment Lambda and SST would give the function.
 * `killAfterMs` ends it with SIGKILL, as a timeout or a crash would.
 */
export async function invoke(
  endpoints: HarvestEndpoints,
  dir: string,
  label: string,
  event: SQSEvent,
  options: { killAfterMs?: number; nodeFlags?: string[]; script?: string; env?: Record<string, string> } = {},
): Promise<Invocation> {
  const name = label.replaceAll(/[^a-z0-9]+/gi, "-");
  const eventPath = join(dir, `${name}.event.json`);
  const resultPath = join(dir, `${name}.result.json`);
  await writeFile(eventPath, JSON.stringify(event));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), options.script ?? here("./harvest-invoke.ts"), eventPath, resultPath],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        ...lambdaEnvironment(endpoints),
        ...options.env,
      },
    },
  );
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const timer =
    options.killAfterMs === undefined
      ? undefined
      : setTimeout(() => child.kill("SIGKILL"), options.killAfterMs);
  const [code, signal] = await exited;
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  if (signal === "SIGKILL") return { label, wallMs, result: undefined, killed: true };
  if (code !== 0) throw new Error(`invocation ${label} exited with ${code ?? signal}`);
  const result = JSON.parse(await readFile(resultPath, "utf8")) as InvokeResult;
  return { label, wallMs, result, killed: false };
}

/** The esbuild SST itself bundles functions with, installed with its platform (npm run typecheck:infra). */
const SST_ESBUILD = new URL("../../../.sst/platform/node_modules/.bin/esbuild", import.meta.url).pathname;

/**
 * harvest-invoke.ts and everything it imports as one file, bundled as SST bundles a Node function for Lambda
 * (esbuild, ESM, minified, every dependency inside, none external). Undefined when SST's esbuild is absent.
 */
export async function bundleInvocation(dir: string): Promise<string | undefined> {
  if (!existsSync(SST_ESBUILD)) return undefined;
  const outfile = join(dir, "harvest-invoke.mjs");
  await promisify(execFile)(SST_ESBUILD, [
    here("./harvest-invoke.ts"),
    "--bundle",
    "--minify",
    "--format=esm",
    "--platform=node",
    "--target=node22",
    `--outfile=${outfile}`,
    "--log-level=error",
    // ESM output of CommonJS dependencies needs a require.
    "--banner:js=import { createRequire } from 'module';const require = createRequire(import.meta.url);",
  ]);
  return outfile;
}
