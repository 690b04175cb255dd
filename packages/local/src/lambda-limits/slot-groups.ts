import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ServiceName } from "@recap/shared";
import { type ControlWrite, cpuWrites, memoryWrites, serviceLimits, slotGroupName } from "./limits.ts";
import {
  CgroupsUnavailableError,
  type Controller,
  type CpuThrottling,
  oomKillCount,
  parentGroupDirs,
  parseCgroupMounts,
  parseCpuStat,
  parseProcCgroup,
} from "./proc-cgroups.ts";

/** Each service's worker slots: a group per slot, so a restarted instance lands in its slot's limits. */
export interface Slots {
  service: ServiceName;
  instances: number;
}

/** One slot's groups, one per controller. */
export interface SlotDirs {
  cpu: string;
  memory: string;
}

/** Every slot's cgroups, made for one local stack and removed when it stops. */
export interface SlotGroups {
  dirs(service: ServiceName, index: number): SlotDirs;
  /** The `cgroup.procs` files an instance's pid goes into before it runs anything. */
  procsFiles(service: ServiceName, index: number): string[];
  /** How many times the slot's OOM killer has ended one of its instances. */
  oomKills(service: ServiceName, index: number): number;
  throttling(service: ServiceName, index: number): CpuThrottling;
  /**
   * Lifts the slot's CPU quota while an instance starts, and puts it back once it is ready: Lambda's init
   * has been measured running on unthrottled vCPUs below 3 GB, while the handler gets its share. Memory
   * stays limited throughout.
   */
  initCpu(service: ServiceName, index: number, phase: "init" | "handler"): void;
  /** Removes every group; their processes must have exited. */
  remove(): Promise<void>;
}

export type LambdaLimitsOutcome = { applied: true; groups: SlotGroups } | { applied: false; reason: string };

const GROUP_PREFIX = "recap-";

/**
 * Makes a cgroup per worker slot under this process's own cpu and memory groups (nested, so whatever
 * limits this process already runs under still hold), with its function's memory and CPU share. Never
 * throws for cgroups being unusable: says why instead, and the stack runs unlimited.
 */
export async function createSlotGroups(slots: readonly Slots[]): Promise<LambdaLimitsOutcome> {
  try {
    return { applied: true, groups: await makeGroups(slots) };
  } catch (error) {
    if (error instanceof CgroupsUnavailableError) return { applied: false, reason: error.message };
    throw error;
  }
}

async function makeGroups(slots: readonly Slots[]): Promise<SlotGroups> {
  const parents = stackParents();
  const made: string[] = [];
  const remove = async () => {
    // Children before their parent; a group still holding a process cannot go, and is left for the sweep.
    for (const dir of made.splice(0).reverse()) await rmdir(dir).catch(() => {});
  };
  try {
    for (const controller of ["cpu", "memory"] as const) {
      await sweepAbandoned(path.dirname(parents[controller]));
      await makeGroup(parents[controller]);
      made.push(parents[controller]);
    }
    const accountsSwap = existsSync(path.join(parents.memory, "memory.memsw.limit_in_bytes"));
    for (const { service, instances } of slots) {
      const limits = serviceLimits(service);
      for (let index = 0; index < instances; index++) {
        const name = slotGroupName(service, index);
        const dirs = { cpu: path.join(parents.cpu, name), memory: path.join(parents.memory, name) };
        await makeGroup(dirs.cpu);
        made.push(dirs.cpu);
        await writeControls(dirs.cpu, cpuWrites(limits));
        await makeGroup(dirs.memory);
        made.push(dirs.memory);
        await writeControls(dirs.memory, memoryWrites(limits, accountsSwap));
      }
    }
  } catch (error) {
    await remove();
    throw error;
  }
  const dirs = (service: ServiceName, index: number): SlotDirs => ({
    cpu: path.join(parents.cpu, slotGroupName(service, index)),
    memory: path.join(parents.memory, slotGroupName(service, index)),
  });
  return {
    dirs,
    procsFiles: (service, index) =>
      Object.values(dirs(service, index)).map((dir) => path.join(dir, "cgroup.procs")),
    // Read when an instance exits; a group already gone (the stack stopping) has killed nothing since.
    oomKills: (service, index) => {
      try {
        return oomKillCount(
          readFileSync(path.join(dirs(service, index).memory, "memory.oom_control"), "utf8"),
        );
      } catch {
        return 0;
      }
    },
    throttling: (service, index) =>
      parseCpuStat(readFileSync(path.join(dirs(service, index).cpu, "cpu.stat"), "utf8")),
    initCpu: (service, index, phase) => {
      const quota = phase === "init" ? "-1" : String(serviceLimits(service).cpuQuotaUs);
      writeFileSync(path.join(dirs(service, index).cpu, "cpu.cfs_quota_us"), quota);
    },
    remove,
  };
}

/** This stack's parent group in each hierarchy: `recap-<pid>-<random>` under this process's own group. */
function stackParents(): Record<Controller, string> {
  if (process.platform !== "linux")
    throw new CgroupsUnavailableError(`cgroups are Linux's, and this is ${process.platform}`);
  return parentGroupDirs(
    parseCgroupMounts(readProc("/proc/self/mountinfo")),
    parseProcCgroup(readProc("/proc/self/cgroup")),
    `${GROUP_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}`,
  );
}

function readProc(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CgroupsUnavailableError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
}

async function makeGroup(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CgroupsUnavailableError(
      code === "EROFS"
        ? `the cgroup hierarchy holding ${dir} is mounted read-only`
        : `cannot create the cgroup ${dir} (${code}): run as root, or with that hierarchy delegated to this user`,
    );
  }
}

async function writeControls(dir: string, writes: readonly ControlWrite[]): Promise<void> {
  for (const { file, value } of writes) {
    try {
      await writeFile(path.join(dir, file), value);
    } catch (error) {
      throw new CgroupsUnavailableError(
        `cannot write ${value} to ${path.join(dir, file)} (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
}

/**
 * Groups left by a stack that died without stopping (SIGKILL, a crash) are removed once empty, so they do
 * not pile up: a group is another stack's while the pid in its name is alive.
 */
async function sweepAbandoned(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const pid = new RegExp(`^${GROUP_PREFIX}(\\d+)-[0-9a-f]+$`).exec(entry.name)?.[1];
    if (!entry.isDirectory() || !pid || isAlive(Number(pid))) continue;
    const group = path.join(dir, entry.name);
    const children = await readdir(group, { withFileTypes: true }).catch(() => []);
    for (const child of children)
      if (child.isDirectory()) await rmdir(path.join(group, child.name)).catch(() => {});
    await rmdir(group).catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether this machine lets the local stack limit its workers: for tests to skip, with the reason. */
export async function cgroupsUnavailableReason(): Promise<string | undefined> {
  const outcome = await createSlotGroups([]);
  if (!outcome.applied) return outcome.reason;
  await outcome.groups.remove();
  return undefined;
}

/** Reads a control file of a slot's group, for tests and diagnostics. */
export function readControl(dir: string, file: string): Promise<string> {
  return readFile(path.join(dir, file), "utf8").then((text) => text.trim());
}
