import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "services/**/*.test.ts", "packages/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.sst/**"],
    // End-to-end suites start emulators and worker processes; give them room, never a stopwatch assertion.
    testTimeout: 60_000,
    // fauxqs persists through node:sqlite, which Node 22 flags as experimental in every worker.
    execArgv: ["--disable-warning=ExperimentalWarning"],
    hookTimeout: 60_000,
  },
});
