import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { ServiceName } from "@recap/shared";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
const RESTART_DELAY_MS = 500;
const STOP_GRACE_MS = 10_000;

export type LogSink = (service: ServiceName, line: string) => void;

/**
 * The five service workers as child processes, each with its own environment. A worker that dies is
 * restarted, as Lambda would start a fresh instance; whatever it held in flight reappears on its queue.
 */
export class WorkerPool {
  readonly #children = new Map<ServiceName, ChildProcess>();
  readonly #envOf: (service: ServiceName) => Record<string, string>;
  readonly #log: LogSink;
  #stopping = false;

  constructor(envOf: (service: ServiceName) => Record<string, string>, log: LogSink) {
    this.#envOf = envOf;
    this.#log = log;
  }

  /** Starts a worker and resolves once its handler is loaded and it is about to poll. */
  async start(service: ServiceName): Promise<void> {
    const child = fork(WORKER, [service], {
      env: this.#envOf(service),
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.#children.set(service, child);
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8");
      let pending = "";
      stream?.on("data", (chunk: string) => {
        const lines = (pending + chunk).split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) this.#log(service, line);
      });
    }
    child.once("exit", (code, signal) => {
      if (this.#children.get(service) !== child || this.#stopping) return;
      this.#log(service, `worker exited (${signal ?? code}); restarting`);
      setTimeout(() => {
        if (!this.#stopping && this.#children.get(service) === child) void this.start(service);
      }, RESTART_DELAY_MS);
    });
    const [message] = (await Promise.race([
      once(child, "message"),
      once(child, "exit").then(([code, signal]) => {
        throw new Error(`${service} worker exited before it was ready (${signal ?? code})`);
      }),
    ])) as [unknown];
    if ((message as { ready?: string }).ready !== service)
      throw new Error(`${service} worker sent ${String(message)}`);
  }

  pid(service: ServiceName): number | undefined {
    return this.#children.get(service)?.pid;
  }

  /** Sends a signal to a worker, e.g. SIGKILL to simulate a crash; the pool restarts it. */
  kill(service: ServiceName, signal: NodeJS.Signals): void {
    this.#children.get(service)?.kill(signal);
  }

  /** Asks every worker to finish its batch and exit; kills any still running after the grace period. */
  async stopAll(): Promise<void> {
    this.#stopping = true;
    await Promise.all(
      [...this.#children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
    this.#children.clear();
  }
}
