import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startCliRpc } from "./cli-rpc.ts";
import { engineUrn, type Registration, recordingMocks } from "./mocks.ts";
import { bundleProgram, type SstApp } from "./program.ts";
import type { Evaluation } from "./registered-resources.ts";

/**
 * Child process: evaluates sst.config.ts with SST's real components under Pulumi's mocks, for one stage
 * as `sst deploy --stage <stage>` would, and writes what was registered to a JSON file.
 *
 *   node evaluate.ts <stage> <out.json>
 *
 * A process of its own because Pulumi's runtime and SST's registries are global (one evaluation per
 * process) and SST's run() changes the working directory. No AWS, no Pulumi engine, no network beyond a
 * server on 127.0.0.1 that answers SST's calls to its CLI.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const PLATFORM = path.join(ROOT, ".sst/platform");

interface SstConfig {
  app(input: { stage: string }): Partial<SstApp>;
}

interface PulumiRuntime {
  setMocks(mocks: object, project: string, stack: string, preview: boolean): void;
  runInPulumiStack(init: () => Promise<unknown>): Promise<Record<string, unknown> | undefined>;
  waitForRPCs(): Promise<void>;
  getMonitor(): { newUrn: (parent: string | undefined, type: string, name: string) => string };
}

/** `$app` as the CLI defines it: the config's own app() for the stage, with SST's defaults. */
async function appFor(stage: string): Promise<SstApp> {
  // sst.config.ts calls the global $config at import; the platform's is the identity.
  Reflect.set(globalThis, "$config", (config: unknown) => config);
  const { default: config } = (await import(pathToFileURL(path.join(ROOT, "sst.config.ts")).href)) as {
    default: SstConfig;
  };
  Reflect.deleteProperty(globalThis, "$config");
  const app = config.app({ stage });
  return {
    name: app.name ?? "app",
    stage,
    removal: app.removal ?? "retain",
    protect: app.protect ?? false,
    home: app.home ?? "aws",
    providers: { [app.home ?? "aws"]: {}, ...app.providers },
  };
}

/** JSON of resolved inputs: Pulumi's assets become their paths, anything else unserializable is dropped. */
function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === "function" || item instanceof Promise) return undefined;
      return item;
    }),
  );
}

async function main(stage: string, outFile: string): Promise<void> {
  const app = await appFor(stage);
  const work = mkdtempSync(path.join(tmpdir(), "recap-sst-evaluation-"));
  const rpc = await startCliRpc(work);
  process.env.SST_SERVER = rpc.url;
  const program = path.join(PLATFORM, `.recap-evaluation-${process.pid}.mjs`);
  try {
    await bundleProgram({
      root: ROOT,
      platform: PLATFORM,
      outfile: program,
      app,
      cli: {
        command: "deploy",
        rpc: rpc.url,
        dev: false,
        paths: { home: work, root: ROOT, work, platform: PLATFORM },
        state: { version: {} },
      },
    });
    const pulumi = createRequire(path.join(PLATFORM, "package.json"))("@pulumi/pulumi") as {
      runtime: PulumiRuntime;
    };
    const registrations: Registration[] = [];
    pulumi.runtime.setMocks(recordingMocks(registrations), app.name, stage, false);
    pulumi.runtime.getMonitor().newUrn = engineUrn(stage, app.name);
    const { evaluate } = (await import(pathToFileURL(program).href)) as { evaluate: () => Promise<unknown> };
    const outputs = await pulumi.runtime.runInPulumiStack(evaluate);
    await pulumi.runtime.waitForRPCs();
    const evaluation: Evaluation = {
      stage,
      app,
      outputs: plain(outputs ?? {}) as Record<string, unknown>,
      registrations: plain(registrations) as Registration[],
      cliCalls: plain(rpc.calls) as Evaluation["cliCalls"],
    };
    writeFileSync(outFile, JSON.stringify(evaluation));
  } finally {
    rpc.server.close();
    rmSync(program, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

const [stage, outFile] = process.argv.slice(2);
if (!stage || !outFile) {
  console.error("usage: node evaluate.ts <stage> <out.json>");
  process.exit(2);
}
main(stage, outFile).then(
  // Pulumi's runtime keeps handles open after the stack settles; the file is written, so leave.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
