import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { type BenchEndpoints, ENDPOINTS_ENV } from "./seal-endpoints.ts";

const here = (file: string) => new URL(file, import.meta.url).pathname;

/** What `seal-fixture.ts seed` answers. */
export interface SeedResult {
  records: number;
  bytes: number;
  seconds: number;
}

/** What `seal-fixture.ts verify` answers: the shard as read back from S3 and the table. */
export interface SealCheck {
  inputLines: number;
  inputBytes: number;
  uniqueRecordIds: number;
  recordMapLines: number;
  /** Input recordIds the record map does not list: 0 when the two files describe the same shard. */
  inputIdsNotInMap: number;
  /** Members of the group still in the `pending` index after the seal: 0 when every claim landed. */
  pendingAfter: number;
}

export interface Emulators {
  endpoints: BenchEndpoints;
  stop(): Promise<void>;
}

/** Starts seal-emulators.ts and waits for its endpoints line. */
export async function startEmulators(): Promise<Emulators> {
  // The emulators hold every object of every run (over half a gigabyte at 50,000): room beyond the default heap.
  // fauxqs uses node:sqlite, whose experimental warning is only noise here.
  const flags = ["--max-old-space-size=8192", "--disable-warning=ExperimentalWarning"];
  const child = spawn(process.execPath, [...flags, here("./seal-emulators.ts")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout }), "line"),
    exited.then(([code]) => {
      throw new Error(`seal-emulators.ts exited with ${code} before it was ready`);
    }),
  ])) as [string];
  return {
    endpoints: JSON.parse(line) as BenchEndpoints,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs seal-fixture.ts with `args` to completion and returns the JSON line it answers with. */
export async function runFixture<T>(endpoints: BenchEndpoints, args: string[]): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, [here("./seal-fixture.ts"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, [ENDPOINTS_ENV]: JSON.stringify(endpoints) },
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`seal-fixture.ts ${args.join(" ")} exited with ${code}`);
  return JSON.parse(output.trim().split("\n").at(-1) ?? "") as T;
}
