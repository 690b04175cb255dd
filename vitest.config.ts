import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "services/**/*.test.ts", "packages/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.sst/**"],
    // End-to-end suites start emulators and worker processes; give them room, never a stopwatch assertion.
    testTimeout: 60_000,
    // Vitest's default of one file per core less one leaves a 2-core machine running one file at a time, yet the
    // end-to-end files mostly wait on emulators and worker processes. Two at once took the suite from 7 min 15 s
    // to 5 min 7 s here. The pipeline files still run one at a time (--no-file-parallelism).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // fauxqs persists through node:sqlite, which Node 22 flags as experimental in every worker.
    execArgv: ["--disable-warning=ExperimentalWarning"],
    hookTimeout: 60_000,
  },
});
