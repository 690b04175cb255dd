import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { enterGroupsArgv, SHELL } from "./enter-groups.ts";
import {
  cpuWrites,
  lambdaLimitsOf,
  lambdaNodeArgs,
  memoryWrites,
  serviceLimits,
  slotGroupName,
} from "./limits.ts";
import {
  CgroupsUnavailableError,
  oomKillCount,
  parentGroupDirs,
  parseCgroupMounts,
  parseCpuStat,
  parseProcCgroup,
} from "./proc-cgroups.ts";

describe("a function's limits", () => {
  test("1,769 MB is one core; CPU is in proportion to memory below it and above it", () => {
    expect(lambdaLimitsOf(1769)).toEqual({
      memoryBytes: 1769 * 1048576,
      cpuQuotaUs: 100_000,
      cpuPeriodUs: 100_000,
    });
    expect(lambdaLimitsOf(3538).cpuQuotaUs).toBe(200_000);
    expect(lambdaLimitsOf(128).cpuQuotaUs).toBe(7236);
  });

  test("each service gets its topology memory and its share of a core", () => {
    expect(serviceLimits("shard-builder")).toEqual({
      memoryBytes: 1024 * 1048576,
      cpuQuotaUs: 57_886,
      cpuPeriodUs: 100_000,
    });
    expect(serviceLimits("ingest-normalizer")).toMatchObject({
      memoryBytes: 536_870_912,
      cpuQuotaUs: 28_943,
    });
    expect(serviceLimits("status-watcher")).toMatchObject({ memoryBytes: 268_435_456, cpuQuotaUs: 14_471 });
  });

  test("Node's heap is sized as Lambda's bootstrap sizes it, unless the function's NODE_OPTIONS says otherwise", () => {
    expect(lambdaNodeArgs(512)).toEqual(["--max-semi-space-size=25", "--max-old-space-size=461"]);
    expect(lambdaNodeArgs(1024)).toEqual(["--max-semi-space-size=51", "--max-old-space-size=922"]);
    expect(lambdaNodeArgs(512, "--max-semi-space-size=4 --max-old-space-size=96")).toEqual([]);
    expect(lambdaNodeArgs(512, "--max-old-space-size=96")).toEqual(["--max-semi-space-size=25"]);
  });

  test("memory Lambda cannot have is refused", () => {
    expect(() => lambdaLimitsOf(64)).toThrow(RangeError);
    expect(() => lambdaLimitsOf(10_241)).toThrow(/128 to 10240/);
    expect(() => lambdaLimitsOf(512.5)).toThrow(RangeError);
  });

  test("the values are written in the order the kernel accepts: limit before memsw, period before quota", () => {
    const limits = lambdaLimitsOf(512);
    expect(memoryWrites(limits, true)).toEqual([
      { file: "memory.limit_in_bytes", value: "536870912" },
      { file: "memory.memsw.limit_in_bytes", value: "536870912" },
    ]);
    expect(memoryWrites(limits, false)).toEqual([{ file: "memory.limit_in_bytes", value: "536870912" }]);
    expect(cpuWrites(limits)).toEqual([
      { file: "cpu.cfs_period_us", value: "100000" },
      { file: "cpu.cfs_quota_us", value: "28943" },
    ]);
    expect(slotGroupName("result-publisher", 2)).toBe("result-publisher-2");
  });
});

const MOUNTINFO_V1 = `30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct
34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw`;
const MOUNTINFO_V2 = "29 22 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate";

describe("reading the kernel's cgroup files", () => {
  test("finds each v1 controller's mount, co-mounted ones included, and the v2 one", () => {
    expect(parseCgroupMounts(MOUNTINFO_V1)).toEqual({
      v1: { cpu: "/sys/fs/cgroup/cpu,cpuacct", memory: "/sys/fs/cgroup/memory" },
      v2: "/sys/fs/cgroup/unified",
    });
    expect(parseCgroupMounts(MOUNTINFO_V2)).toEqual({ v1: {}, v2: "/sys/fs/cgroup" });
    expect(
      parseCgroupMounts(String.raw`1 2 0:3 / /mnt/my\040cgroups rw - cgroup cgroup rw,memory`).v1,
    ).toEqual({
      memory: "/mnt/my cgroups",
    });
  });

  test("reads this process's groups and nests the stack's under them", () => {
    const own = parseProcCgroup("4:memory:/process_api/58af\n2:cpu,cpuacct:/\n0::/\n");
    expect(own).toEqual({ memory: "/process_api/58af", cpu: "/" });
    expect(parentGroupDirs(parseCgroupMounts(MOUNTINFO_V1), own, "recap-1-ab")).toEqual({
      cpu: "/sys/fs/cgroup/cpu,cpuacct/recap-1-ab",
      memory: "/sys/fs/cgroup/memory/process_api/58af/recap-1-ab",
    });
  });

  test("a v2-only machine is unavailable, with the reason", () => {
    expect(() => parentGroupDirs(parseCgroupMounts(MOUNTINFO_V2), { cpu: "/" }, "x")).toThrow(
      new CgroupsUnavailableError(
        "only cgroup v2 is mounted (/sys/fs/cgroup); the local limits use cgroup v1's cpu controller",
      ),
    );
    expect(() => parentGroupDirs({ v1: { cpu: "/c" } }, {}, "x")).toThrow(/no cgroup v1 memory hierarchy/);
  });

  test("counts OOM kills and CPU throttling", () => {
    expect(oomKillCount("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n")).toBe(3);
    expect(oomKillCount("oom_kill_disable 0\nunder_oom 0\n")).toBe(0);
    expect(parseCpuStat("nr_periods 120\nnr_throttled 40\nthrottled_time 2500000000\n")).toEqual({
      periods: 120,
      throttledPeriods: 40,
      throttledNs: 2_500_000_000,
    });
  });
});

describe("starting inside the groups", () => {
  test("the shell writes its own pid, which Node keeps after exec, into every file, quotes and all", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "enter-groups-"));
    try {
      const files = [path.join(dir, "a procs"), path.join(dir, "it's")];
      const [, script, node] = enterGroupsArgv(files, process.execPath);
      const pid = execFileSync(SHELL, ["-c", script ?? "", node ?? "", "-e", "console.log(process.pid)"], {
        encoding: "utf8",
      }).trim();
      for (const file of files) expect((await readFile(file, "utf8")).trim()).toBe(pid);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("Node's own arguments come before the module, quoted", () => {
    const [, script, node] = enterGroupsArgv([], process.execPath, ["--max-old-space-size=461"]);
    const limit = execFileSync(
      SHELL,
      [
        "-c",
        script ?? "",
        node ?? "",
        "-e",
        "console.log(require('v8').getHeapStatistics().heap_size_limit)",
      ],
      { encoding: "utf8" },
    );
    // The old generation's 461 MB and the young generation's default semi-spaces.
    expect(Number(limit) / 1048576).toBeGreaterThan(461);
    expect(Number(limit) / 1048576).toBeLessThan(600);
  });

  test("a write that fails stops the start: Node never runs", () => {
    const [, script, node] = enterGroupsArgv(["/nonexistent/cgroup.procs"], process.execPath);
    expect(() =>
      execFileSync(SHELL, ["-c", script ?? "", node ?? "", "-e", "console.log('ran')"], {
        encoding: "utf8",
        stdio: "pipe",
      }),
    ).toThrow(/nonexistent/);
  });
});
