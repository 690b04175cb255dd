import path from "node:path";
import type { Command } from "commander";
import { bundleHandlers } from "../bundle/bundle-handlers.ts";
import { printJson, withJson } from "./options.ts";

export function registerBundle(program: Command): void {
  withJson(
    program
      .command("bundle")
      .description(
        "bundle each service's handler with esbuild as SST does for its Lambda (ESM, everything but sharp and pg-native inside, the AWS SDK included); `recap dev --bundled` runs the workers from these",
      )
      .option("--out <dir>", "where to write them, a code root per service", ".recap/bundles"),
  ).action(async (options: { out: string; json?: boolean }) => {
    const started = performance.now();
    const bundles = await bundleHandlers(path.resolve(options.out));
    const seconds = (performance.now() - started) / 1000;
    if (options.json) return printJson({ seconds, bundles });
    for (const { service, file, bytes, external } of bundles) {
      const outside = external.length > 0 ? `, external: ${external.join(", ")}` : "";
      console.log(
        `${service.padEnd(18)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB  ${path.relative(process.cwd(), file)}${outside}`,
      );
    }
    console.log(`${bundles.length} bundles in ${seconds.toFixed(1)} s`);
  });
}
