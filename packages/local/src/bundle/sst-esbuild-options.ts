import type { BuildOptions } from "esbuild";

/**
 * The esbuild options SST's nodejs runtime uses for a deployed function (`sst deploy`, not `sst dev`),
 * for functions that set no `nodejs` options, as Recap's do (test/infra/handler-bundles.test.ts checks
 * that). Copied from SST's Go bundler, pkg/runtime/node/build.go in github.com/sst/sst (the same in v3.2
 * and later; SST 4.17.1's platform, .sst/platform/src/components/aws/function.ts, still hands `nodejs`
 * over unchanged, and its binary carries the same banner and forced externals). The esbuild package is
 * pinned to v0.27.2, the version that binary is built with.
 *
 * What follows from SST's choices:
 * - Everything is bundled, the AWS SDK included. SST marks only `sharp` and `pg-native` external (plus
 *   whatever `nodejs.install` names); the SDK v3 that Lambda's nodejs22.x runtime ships is never used.
 * - `target` is `esnext`: SST does not lower syntax for the runtime, so the bundle runs on nodejs22.x
 *   only if Node 22 understands all of it. The local workers run on Node 22 too, so syntax that Lambda's
 *   Node would reject fails here first.
 * - `minify` is documented as defaulting to true, but the Go side minifies only when `nodejs.minify` is
 *   set, and Recap sets nothing: not minified. Source maps are left out when deploying without
 *   `nodejs.sourcemap`.
 * - The banner gives ESM code the `require`, `__filename` and `__dirname` that bundled CommonJS needs.
 */
export const SST_FORCED_EXTERNALS = ["sharp", "pg-native"] as const;

export function sstBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    platform: "node",
    external: [...SST_FORCED_EXTERNALS],
    keepNames: true,
    bundle: true,
    splitting: false,
    metafile: true,
    outfile,
    sourcemap: false,
    write: true,
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
        // SST appends `nodejs.banner` here; Recap sets none.
        "",
      ].join("\n"),
    },
  };
}
