import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { PublishCommand } from "@aws-sdk/client-sns";
import { serviceLimits } from "@recap/local/lambda-limits/limits";
import { parseProcCgroup } from "@recap/local/lambda-limits/proc-cgroups";
import {
  cgroupsUnavailableReason,
  readControl,
  type SlotGroups,
} from "@recap/local/lambda-limits/slot-groups";
import type { ServiceName } from "@recap/shared";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runRecap } from "../support/recap-cli.ts";
import { Tap } from "../support/tap.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";
import { transcribeOutput } from "../support/transcribe-output.ts";
import { submittedEvent } from "../support/transcripts.ts";

const unavailable = await cgroupsUnavailableReason();
const SERVICES: ServiceName[] = ["ingest-normalizer", "status-watcher"];

// Skipped where this machine cannot make cgroups (not Linux, no root, v2 only): the reason is in the title.
describe.skipIf(unavailable !== undefined)(
  `workers under Lambda's limits (${unavailable ?? "cgroups usable"})`,
  () => {
    let env: TestStack;
    let groups: SlotGroups;
    let stopped = false;
    beforeAll(async () => {
      env = await startTestStack({ services: SERVICES, concurrency: 2, lambdaLimits: true });
      if (!env.stack.lambdaLimits?.applied)
        throw new Error(`limits not applied: ${JSON.stringify(env.stack.lambdaLimits)}`);
      groups = env.stack.lambdaLimits.groups;
    });
    afterAll(async () => {
      if (!stopped) await env?.stop();
    });

    test("each worker runs in its slot's groups, with its function's memory and CPU share", async () => {
      for (const service of SERVICES) {
        const limits = serviceLimits(service);
        const pids = env.stack.workers.pids(service);
        expect(pids).toHaveLength(2);
        for (const [index, pid] of pids.entries()) {
          const own = parseProcCgroup(await readFile(`/proc/${pid}/cgroup`, "utf8"));
          const dirs = groups.dirs(service, index);
          expect(dirs.cpu.endsWith(own.cpu ?? "?")).toBe(true);
          expect(dirs.memory.endsWith(own.memory ?? "?")).toBe(true);
          expect(own.memory).toMatch(new RegExp(`/recap-\\d+-[0-9a-f]+/${service}-${index}$`));
          expect(Number(await readControl(dirs.cpu, "cpu.cfs_quota_us"))).toBe(limits.cpuQuotaUs);
          expect(Number(await readControl(dirs.cpu, "cpu.cfs_period_us"))).toBe(100_000);
          expect(Number(await readControl(dirs.memory, "memory.limit_in_bytes"))).toBe(limits.memoryBytes);
        }
      }
      const endpoints = JSON.parse(await readFile(env.endpointsFile, "utf8"));
      expect(endpoints.lambdaLimits).toEqual({ applied: true });
      const status = await runRecap(["status", "--dir", env.dir]);
      expect(status.stdout).toContain("Lambda limits: each worker within its function's Lambda memory");
    });

    test("a worker's CPU is held to its share: the kernel throttles it while it normalizes a 5 MB call", async () => {
      const before = [0, 1].map((index) => groups.throttling("ingest-normalizer", index));
      const tap = await Tap.on(env, [env.stack.endpoints.topics.Pipeline ?? ""]);
      const { bucket } = env.stack.endpoints;
      const key = "raw/limits/cpu-call.json";
      await env.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: transcribeOutput(400, 70) }));
      const { content: _inline, ...data } = submittedEvent("cpu-call", "").data;
      await env.sns.send(
        new PublishCommand({
          TopicArn: env.stack.endpoints.topics.Transcripts,
          Message: JSON.stringify({
            ...submittedEvent("cpu-call", ""),
            data: { ...data, contentUri: `s3://${bucket}/${key}` },
          }),
        }),
      );
      await tap.until((t) => t.events.some((e) => e.correlationId === "cpu-call"), 60_000);
      const after = [0, 1].map((index) => groups.throttling("ingest-normalizer", index));
      const throttled = after.reduce(
        (sum, stat, index) => sum + stat.throttledPeriods - (before[index]?.throttledPeriods ?? 0),
        0,
      );
      const throttledNs = after.reduce(
        (sum, stat, index) => sum + stat.throttledNs - (before[index]?.throttledNs ?? 0),
        0,
      );
      expect(throttled).toBeGreaterThan(0);
      expect(throttledNs).toBeGreaterThan(0);
    });

    test("a worker past its memory is killed by the OOM killer, said to have run out of memory, and restarted in its slot", async () => {
      const service = "status-watcher";
      const { memory } = groups.dirs(service, 1);
      const victim = env.stack.workers.pid(service, 1) ?? 0;
      // The slot's next instance gets 16 MB, less than Node needs to load the handler: it is OOM-killed as it starts.
      env.stack.workers.kill(service, "SIGKILL", 1);
      await until(() => !isAlive(victim), "the killed instance to exit");
      await writeFile(path.join(memory, "memory.limit_in_bytes"), String(16 * 1048576));
      await until(
        () => env.logs.some((line) => line.startsWith(`${service} instance 1 ran out of memory`)),
        "an out-of-memory exit in the log",
      );
      expect(groups.oomKills(service, 1)).toBeGreaterThan(0);
      expect(env.logs.find((line) => line.includes("ran out of memory"))).toContain("256 MB limit");

      // Its memory back, the slot's next instance starts in the same groups and stays up.
      await writeFile(path.join(memory, "memory.limit_in_bytes"), String(serviceLimits(service).memoryBytes));
      let pid = 0;
      await until(
        async () => {
          const now = env.stack.workers.pid(service, 1) ?? 0;
          const settled = now === pid && isAlive(now) && (await cgroupOf(now)).endsWith(`${service}-1`);
          pid = now;
          return settled;
        },
        "a restarted instance that stays up in its slot",
        3000,
      );
      expect(pid).not.toBe(victim);
    });

    test("stopping the stack removes every group it made", async () => {
      const dirs = SERVICES.flatMap((service) => [0, 1].map((index) => groups.dirs(service, index)));
      stopped = true;
      await env.stop();
      for (const { cpu, memory } of dirs) {
        expect(existsSync(cpu)).toBe(false);
        expect(existsSync(memory)).toBe(false);
      }
      expect(existsSync(path.dirname(dirs[0]?.memory ?? ""))).toBe(false);
    });
  },
);

async function until(done: () => boolean | Promise<boolean>, what: string, everyMs = 200): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function cgroupOf(pid: number): Promise<string> {
  return parseProcCgroup(await readFile(`/proc/${pid}/cgroup`, "utf8").catch(() => "")).memory ?? "";
}
