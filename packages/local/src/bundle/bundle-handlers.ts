import { rm } from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";
import { type ServiceName, serviceNames, services } from "@recap/shared";
import { build } from "esbuild";
import { repoRoot } from "../repo-root.ts";
import { sstBuildOptions } from "./sst-esbuild-options.ts";

/** Where `recap dev --bundled` and `recap bundle` put the bundles by default (gitignored, with the stack's state). */
export const DEFAULT_BUNDLE_DIR = path.join(repoRoot, ".recap", "bundles");

export interface HandlerBundle {
  service: ServiceName;
  /** The function's code root, as Lambda's /var/task: the handler path resolves against it. */
  taskRoot: string;
  /** The bundled module the handler path names. */
  file: string;
  bytes: number;
  /** Packages left out of the bundle (Node's own modules aside); SST would install these beside it. */
  external: string[];
}

/**
 * Bundles each service's handler as SST does when it deploys: the entry is the handler path's file, and
 * the output keeps its path relative to the repository root, `.ts` becoming `.mjs` (dots in the file name
 * become dashes, so the handler string keeps its one dot), each function in a code root of its own.
 *
 * SST runs one esbuild build per function; this runs one build with an entry point per function, which
 * parses the shared code and the SDK once. Without code splitting esbuild links each entry point on its
 * own, so every file is byte for byte what a build of its own writes (test/infra/handler-bundles.test.ts
 * checks), in a third of the time.
 */
export async function bundleHandlers(
  outDir: string = DEFAULT_BUNDLE_DIR,
  which: readonly ServiceName[] = serviceNames,
): Promise<HandlerBundle[]> {
  const planned = which.map((service) => {
    const { entry, relativeModule } = handlerModule(services[service].handler);
    const taskRoot = path.join(outDir, service);
    return { service, entry, taskRoot, out: path.join(service, relativeModule) };
  });
  // Whatever an earlier build left in a code root must not be found by the handler lookup.
  await Promise.all(planned.map(({ taskRoot }) => rm(taskRoot, { recursive: true, force: true })));
  const { outfile: _oneFile, entryPoints: _oneEntry, ...options } = sstBuildOptions("", "");
  const result = await build({
    ...options,
    entryPoints: planned.map(({ entry, out }) => ({ in: entry, out })),
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    // SST runs esbuild from the project root; the comments naming each source file are relative to it.
    absWorkingDir: repoRoot,
    logLevel: "silent",
  });
  const outputs = result.metafile?.outputs ?? {};
  return planned.map(({ service, taskRoot, out }) => {
    const file = path.join(outDir, `${out}.mjs`);
    const output = outputs[path.relative(repoRoot, file)];
    if (!output) throw new Error(`esbuild wrote no ${file}`);
    const external = output.imports
      .filter((imported) => imported.external && !isBuiltin(imported.path))
      .map((imported) => imported.path);
    return { service, taskRoot, file, bytes: output.bytes, external: [...new Set(external)].sort() };
  });
}

/** `services/x/src/handler.handler` → its source file and the bundle's module path, `services/x/src/handler`. */
function handlerModule(handler: string): { entry: string; relativeModule: string } {
  const sourceModule = handler.slice(0, handler.lastIndexOf("."));
  const name = path.basename(sourceModule).replaceAll(".", "-");
  return {
    entry: path.join(repoRoot, `${sourceModule}.ts`),
    relativeModule: path.join(path.dirname(sourceModule), name),
  };
}
