import { type ServiceName, type ServiceSpec, services } from "@recap/shared";

/** Lambda gives one vCPU at 1,769 MB and CPU in proportion to memory below and above it. */
export const LAMBDA_MB_PER_VCPU = 1769;
/** The CFS period every slot's group runs on: its quota is a share of each 100 ms. */
export const CFS_PERIOD_US = 100_000;
/** The kernel refuses a CFS quota under 1 ms. */
const MIN_CFS_QUOTA_US = 1000;

/** What one Lambda instance of a function may use: its memory, and CPU in proportion to it. */
export interface LambdaLimits {
  memoryBytes: number;
  /** Microseconds of CPU per period: `memoryMb / 1769` of one core. */
  cpuQuotaUs: number;
  cpuPeriodUs: number;
}

export function lambdaLimitsOf(memoryMb: number): LambdaLimits {
  if (!Number.isInteger(memoryMb) || memoryMb < 128 || memoryMb > 10_240)
    throw new RangeError(`Lambda memory is a whole number of MB from 128 to 10240, not ${memoryMb}`);
  return {
    memoryBytes: memoryMb * 1024 * 1024,
    cpuQuotaUs: Math.max(MIN_CFS_QUOTA_US, Math.round((memoryMb / LAMBDA_MB_PER_VCPU) * CFS_PERIOD_US)),
    cpuPeriodUs: CFS_PERIOD_US,
  };
}

export function serviceLimits(service: ServiceName): LambdaLimits {
  const spec: ServiceSpec = services[service];
  return lambdaLimitsOf(spec.memoryMb);
}

/**
 * The V8 heap Lambda's Node runtime starts a function with (its bootstrap: a young generation of a tenth of
 * the memory, in two semi-spaces, and the rest for the old generation), rather than the heap Node would size
 * from the group's limit, a quarter of it. A flag the function's own NODE_OPTIONS sets is left to it.
 */
export function lambdaNodeArgs(memoryMb: number, nodeOptions = ""): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  const flags = {
    "--max-semi-space-size": Math.floor(newSpace / 2),
    "--max-old-space-size": memoryMb - newSpace,
  };
  return Object.entries(flags)
    .filter(([flag]) => !nodeOptions.split(/\s+/).some((option) => option.startsWith(`${flag}=`)))
    .map(([flag, mb]) => `${flag}=${mb}`);
}

/** One worker slot's group name: a restarted instance goes back into its slot's group. */
export function slotGroupName(service: ServiceName, index: number): string {
  return `${service}-${index}`;
}

/** A control file of a group and what to write into it, in the order they must be written. */
export interface ControlWrite {
  file: string;
  value: string;
}

/**
 * The memory controller's files for a slot. `memory.memsw.limit_in_bytes` (memory plus swap) must be at
 * least `memory.limit_in_bytes`, so it is written after; where the kernel accounts swap, the same value
 * keeps an instance from swapping past its memory, as Lambda has no swap.
 */
export function memoryWrites(limits: LambdaLimits, accountsSwap: boolean): ControlWrite[] {
  const bytes = String(limits.memoryBytes);
  return [
    { file: "memory.limit_in_bytes", value: bytes },
    ...(accountsSwap ? [{ file: "memory.memsw.limit_in_bytes", value: bytes }] : []),
  ];
}

/** The CPU controller's files for a slot: the period first, since the quota is read against it. */
export function cpuWrites(limits: LambdaLimits): ControlWrite[] {
  return [
    { file: "cpu.cfs_period_us", value: String(limits.cpuPeriodUs) },
    { file: "cpu.cfs_quota_us", value: String(limits.cpuQuotaUs) },
  ];
}
