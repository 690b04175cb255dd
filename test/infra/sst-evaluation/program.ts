import path from "node:path";
import { build } from "esbuild";

/**
 * Bundles `sst.config.ts` the way SST's CLI does before a deploy (pkg/js/js.go and pkg/project/run.go in
 * github.com/sst/sst): esbuild, ESM for Node, `$app`, `$cli` and `$dev` defined as constants, the
 * platform's shim (`$config`, `$interpolate`, `$transform`, …) injected and the `aws` and `sst` globals set,
 * Pulumi and the AWS SDK left external so they load from .sst/platform/node_modules. The one difference:
 * the bundle exports a function that calls SST's `run()` instead of calling it at import, so the caller
 * can wrap it in Pulumi's root stack.
 */

export interface SstApp {
  name: string;
  stage: string;
  removal: string;
  protect: boolean;
  home: string;
  providers: Record<string, unknown>;
}

export interface SstCli {
  command: string;
  rpc: string;
  dev: boolean;
  paths: { home: string; root: string; work: string; platform: string };
  state: { version: Record<string, number> };
}

export async function bundleProgram(options: {
  root: string;
  platform: string;
  outfile: string;
  app: SstApp;
  cli: SstCli;
}): Promise<void> {
  const { root, platform, outfile } = options;
  const runModule = path.join(platform, "src/auto/run.ts");
  await build({
    stdin: {
      contents: [
        `import * as aws from "@pulumi/aws";`,
        `import * as sst from ${JSON.stringify(path.join(platform, "src/components/index.ts"))};`,
        `import { run } from ${JSON.stringify(runModule)};`,
        `import mod from ${JSON.stringify(path.join(root, "sst.config.ts"))};`,
        // Set before run() imports packages/infra, the first code to use them.
        "globalThis.aws = aws;",
        "globalThis.sst = sst;",
        "export const evaluate = () => run(mod.run);",
      ].join("\n"),
      resolveDir: root,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from "module";`,
        "const require = topLevelCreateRequire(import.meta.url);",
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url";`,
        "const __filename = topLevelFileUrlToPath(import.meta.url);",
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url));`,
      ].join("\n"),
    },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    nodePaths: [path.join(platform, "node_modules")],
    external: [
      "@pulumi/*",
      "undici",
      "@pulumiverse/*",
      "@sst-provider/*",
      "@aws-sdk/*",
      "esbuild",
      "archiver",
      "glob",
      "vite",
    ],
    define: {
      $app: JSON.stringify(options.app),
      $cli: JSON.stringify(options.cli),
      $dev: JSON.stringify(options.cli.dev),
    },
    inject: [path.join(platform, "src/shim/run.js")],
    outfile,
    write: true,
    bundle: true,
    logLevel: "silent",
  });
}
