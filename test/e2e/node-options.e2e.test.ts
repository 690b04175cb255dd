import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type ServiceName, serviceNames, services } from "@recap/shared/topology";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { scratchRoot, startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * A Lambda takes NODE_OPTIONS from its configuration; locally, every worker takes those of whoever started
 * the stack (`NODE_OPTIONS="--import ./instrumentation.mjs" npx recap dev`), before its service's own.
 */
interface Marker {
  service: string;
  nodeOptions: string;
  heapLimitMb: number;
}

let env: TestStack;
let markers: string;
const userOptions = () => `--import ${pathToFileURL(path.join(markers, "preload.mjs")).href}`;

beforeAll(async () => {
  markers = await mkdtemp(path.join(scratchRoot(), "recap-node-options-"));
  // The preload a user's instrumentation would be: it leaves a marker per process, named by its pid.
  await writeFile(
    path.join(markers, "preload.mjs"),
    `import { writeFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
writeFileSync(${JSON.stringify(markers)} + "/" + process.pid + ".json", JSON.stringify({
  service: process.argv[2],
  nodeOptions: process.env.NODE_OPTIONS,
  heapLimitMb: getHeapStatistics().heap_size_limit / 1048576,
}));
`,
  );
  // Set here, whatever vitest's worker had: exactly what a user would export before `recap dev`.
  const inherited = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = userOptions();
  try {
    env = await startTestStack({ concurrency: 1 });
  } finally {
    if (inherited === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = inherited;
  }
});
afterAll(async () => {
  await env?.stop();
  await rm(markers, { recursive: true, force: true });
});

async function markersByService(): Promise<Map<string, Marker[]>> {
  const byService = new Map<string, Marker[]>();
  for (const file of (await readdir(markers)).filter((name) => /^\d+\.json$/.test(name))) {
    const marker = JSON.parse(await readFile(path.join(markers, file), "utf8")) as Marker;
    byService.set(marker.service, [...(byService.get(marker.service) ?? []), marker]);
  }
  return byService;
}

describe("workers inherit NODE_OPTIONS", () => {
  test("every service's worker loads the user's preload, and keeps its own flags after it", async () => {
    const byService = await markersByService();
    for (const service of serviceNames) {
      const [marker] = byService.get(service) ?? [];
      expect(marker, `${service} loaded the preload`).toBeDefined();
      const own: string | undefined = (services[service] as { runtimeEnvironment?: Record<string, string> })
        .runtimeEnvironment?.NODE_OPTIONS;
      expect(marker?.nodeOptions).toBe(own ? `${userOptions()} ${own}` : userOptions());
    }
    // Each marker's pid is a running worker of the stack: the preload ran in the workers, not elsewhere.
    const pids = serviceNames.flatMap((service: ServiceName) => env.stack.workers.pids(service));
    const files = (await readdir(markers)).filter((name) => /^\d+\.json$/.test(name));
    expect(files.map((name) => Number(name.slice(0, -5))).sort()).toEqual(
      expect.arrayContaining(pids.sort()),
    );
  });

  test("the service's own memory flags still apply: result-publisher's heap stays under its 96 MB old space", async () => {
    const byService = await markersByService();
    const [publisher] = byService.get("result-publisher") ?? [];
    const [normalizer] = byService.get("ingest-normalizer") ?? [];
    expect(publisher?.heapLimitMb).toBeLessThan(128);
    // Without flags of its own, V8's default limit is far above it.
    expect(normalizer?.heapLimitMb).toBeGreaterThan(256);
  });
});
