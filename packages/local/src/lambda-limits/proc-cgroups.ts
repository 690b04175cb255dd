/**
 * Pure readings of what the kernel says about cgroups: where each v1 controller is mounted
 * (`/proc/self/mountinfo`), which group a process is in (`/proc/self/cgroup`), and how often a memory
 * group's OOM killer fired (`memory.oom_control`).
 */

export type Controller = "cpu" | "memory";

/** Where cgroups cannot be made (not Linux, no root, read-only, v2 only), the reason in a sentence. */
export class CgroupsUnavailableError extends Error {
  override readonly name = "CgroupsUnavailableError";
}

export interface CgroupMounts {
  /** Where each v1 controller's hierarchy is mounted (`cpu` may share one with `cpuacct`). */
  v1: Partial<Record<Controller, string>>;
  /** Where the unified (v2) hierarchy is mounted, if it is. */
  v2?: string;
}

/** mountinfo lines: `… <mount point> <options> [optional fields] - <fs type> <source> <super options>`. */
export function parseCgroupMounts(mountinfo: string): CgroupMounts {
  const mounts: CgroupMounts = { v1: {} };
  for (const line of mountinfo.split("\n")) {
    const [before, after] = line.split(" - ");
    if (!before || !after) continue;
    const mountPoint = unescapeMountPath(before.split(" ")[4] ?? "");
    const [fsType, , superOptions = ""] = after.split(" ");
    if (fsType === "cgroup2") mounts.v2 ??= mountPoint;
    if (fsType !== "cgroup") continue;
    const options = superOptions.split(",");
    for (const controller of ["cpu", "memory"] as const)
      if (options.includes(controller)) mounts.v1[controller] ??= mountPoint;
  }
  return mounts;
}

/** mountinfo escapes space, tab, newline and backslash in paths as octal (`\040`). */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** `/proc/self/cgroup`: `<id>:<controllers>:<path>` per v1 hierarchy, `0::<path>` for v2. */
export function parseProcCgroup(text: string): Partial<Record<Controller, string>> {
  const groups: Partial<Record<Controller, string>> = {};
  for (const line of text.split("\n")) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line.trim());
    if (!match?.[1] || match[2] === undefined) continue;
    const controllers = match[1].split(",");
    for (const controller of ["cpu", "memory"] as const)
      if (controllers.includes(controller)) groups[controller] = match[2];
  }
  return groups;
}

/**
 * A group named `name` under this process's own group in the cpu and memory hierarchies: nested, so
 * whatever limits this process already runs under still hold for its workers.
 */
export function parentGroupDirs(
  mounts: CgroupMounts,
  own: Partial<Record<Controller, string>>,
  name: string,
): Record<Controller, string> {
  const parent = (controller: Controller): string => {
    const mount = mounts.v1[controller];
    if (!mount)
      throw new CgroupsUnavailableError(
        mounts.v2
          ? `only cgroup v2 is mounted (${mounts.v2}); the local limits use cgroup v1's ${controller} controller`
          : `no cgroup v1 ${controller} hierarchy is mounted`,
      );
    return `${mount}${own[controller] ?? "/"}/${name}`.replace(/\/+/g, "/");
  };
  return { cpu: parent("cpu"), memory: parent("memory") };
}

/** How many processes the group's OOM killer has killed (`oom_kill` in `memory.oom_control`, Linux 4.13+). */
export function oomKillCount(oomControl: string): number {
  const match = /^oom_kill (\d+)$/m.exec(oomControl);
  return match?.[1] ? Number(match[1]) : 0;
}

/** cgroup v1 `cpu.stat`: how often and how long the group was held back by its CFS quota. */
export interface CpuThrottling {
  periods: number;
  throttledPeriods: number;
  throttledNs: number;
}

export function parseCpuStat(text: string): CpuThrottling {
  const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  return {
    periods: value("nr_periods"),
    throttledPeriods: value("nr_throttled"),
    throttledNs: value("throttled_time"),
  };
}
