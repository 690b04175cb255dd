import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parseCgroupMounts } from "@recap/local/lambda-limits/proc-cgroups";
import { expect, test } from "vitest";
import { runRecap } from "../support/recap-cli.ts";
import { scratchRoot } from "../support/test-stack.ts";

// A private mount namespace where the cpu hierarchy is read-only: a machine whose cgroups cannot be written.
const cpuMount = parseCgroupMounts(await readFile("/proc/self/mountinfo", "utf8").catch(() => "")).v1.cpu;
const canMakeReadOnlyCgroups =
  process.getuid?.() === 0 &&
  cpuMount !== undefined &&
  spawnSync("unshare", ["--mount", "true"]).status === 0;

// Skipped without root, unshare(1) or a cgroup v1 cpu hierarchy: nothing to make read-only here.
test.skipIf(!canMakeReadOnlyCgroups)(
  "recap dev --lambda-limits where cgroups are read-only: the stack starts unlimited, and dev and status say why",
  { timeout: 180_000 },
  async () => {
    const dir = await mkdtemp(path.join(scratchRoot(), "recap-limits-ro-"));
    const args = ["dev", "--lambda-limits", "--dir", dir, "--concurrency", "1", "--quiet"];
    const ports = ["--port", "--bedrock-port", "--dynamodb-port"].flatMap((flag) => [flag, "0"]);
    const script = `mount -o remount,ro,bind ${cpuMount} && exec "$0" "$@"`;
    const dev = spawn("unshare", [
      "--mount",
      "sh",
      "-c",
      script,
      process.execPath,
      "packages/local/bin/recap.js",
      ...args,
      ...ports,
    ]);
    let output = "";
    for (const stream of [dev.stdout, dev.stderr]) stream.on("data", (chunk) => (output += chunk));
    try {
      const deadline = Date.now() + 150_000;
      while (!output.includes("Ctrl-C stops it")) {
        if (Date.now() > deadline || dev.exitCode !== null)
          throw new Error(`recap dev did not start: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(output).toMatch(
        /limits {5}asked for but not applied, so the workers run unlimited: the cgroup hierarchy holding \S+ is mounted read-only/,
      );
      const endpoints = JSON.parse(await readFile(path.join(dir, "endpoints.json"), "utf8"));
      expect(endpoints.lambdaLimits).toMatchObject({
        applied: false,
        reason: expect.stringContaining("read-only"),
      });

      const status = await runRecap(["status", "--dir", dir]);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(
        "Lambda limits: asked for but not applied, so the workers run unlimited",
      );
    } finally {
      if (dev.exitCode === null) {
        const exited = once(dev, "exit");
        dev.kill("SIGINT");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    }
  },
);
