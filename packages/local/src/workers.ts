import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { type ServiceName, services } from "@recap/shared";
import { enterGroupsArgv, SHELL } from "./lambda-limits/enter-groups.ts";
import { lambdaNodeArgs } from "./lambda-limits/limits.ts";
import type { SlotGroups } from "./lambda-limits/slot-groups.ts";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
const RESTART_DELAY_MS = 500;
const STOP_GRACE_MS = 10_000;

export type LogSink = (service: ServiceName, line: string) => void;
/** A service's bundle code root (`recap dev --bundled`), or undefined to run its handler from source. */
export type TaskRootOf = (service: ServiceName) => string | undefined;

/**
 * Each service's Lambda instances as child processes, as many at once as its concurrency, each with the
 * service's environment. An instance that dies (a crash, a kill, a timed-out handler) is restarted in its
 * slot, as Lambda would start a fresh one; whatever it held in flight reappears on its queue.
 */
export class WorkerPool {
  readonly #instances = new Map<ServiceName, ChildProcess[]>();
  readonly #envOf: (service: ServiceName) => Record<string, string>;
  readonly #log: LogSink;
  readonly #taskRootOf: TaskRootOf;
  /** Each slot's cgroups (`--lambda-limits`): its function's memory and CPU share; none runs unlimited. */
  readonly #groups: SlotGroups | undefined;
  /** OOM kills seen per slot, so an exit is put down to memory only when the count rose. */
  readonly #oomKillsSeen = new Map<string, number>();
  #stopping = false;

  constructor(
    envOf: (service: ServiceName) => Record<string, string>,
    log: LogSink,
    taskRootOf: TaskRootOf = () => undefined,
    groups?: SlotGroups,
  ) {
    this.#envOf = envOf;
    this.#log = log;
    this.#taskRootOf = taskRootOf;
    this.#groups = groups;
  }

  /** Starts `instances` workers of a service; resolves once each has its handler loaded and is about to poll. */
  async start(service: ServiceName, instances: number): Promise<void> {
    await Promise.all(Array.from({ length: instances }, (_, index) => this.#startInstance(service, index)));
  }

  /** The process ids of a service's instances, by index (0 for one that failed to spawn); a restart keeps its index. */
  pids(service: ServiceName): number[] {
    return (this.#instances.get(service) ?? []).map((child) => child.pid ?? 0);
  }

  pid(service: ServiceName, index = 0): number | undefined {
    return this.#instances.get(service)?.[index]?.pid;
  }

  /**
   * Sends a signal to one instance (SIGKILL to crash it, SIGSTOP/SIGCONT to freeze it): the one at `index`,
   * or one at random. Returns the index signalled. A killed instance is restarted.
   */
  kill(service: ServiceName, signal: NodeJS.Signals, index?: number): number {
    const instances = this.#instances.get(service) ?? [];
    const chosen = index ?? Math.floor(Math.random() * instances.length);
    const child = instances[chosen];
    if (!child) throw new Error(`${service} has no instance ${chosen} (it runs ${instances.length})`);
    child.kill(signal);
    return chosen;
  }

  /** Asks every instance to finish its batch and exit; kills any still running after the grace period. */
  async stopAll(): Promise<void> {
    this.#stopping = true;
    const children = [...this.#instances.values()].flat();
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        // A frozen instance (SIGSTOP) cannot act on SIGTERM until it runs again.
        child.kill("SIGCONT");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
    this.#instances.clear();
  }

  async #startInstance(service: ServiceName, index: number): Promise<void> {
    const taskRoot = this.#taskRootOf(service);
    const env = this.#envOf(service);
    this.#groups?.initCpu(service, index, "init");
    // On the command line, not in the environment: the handler's environment stays exactly its Lambda's.
    const child = fork(WORKER, [service, ...(taskRoot ? ["--bundle", taskRoot] : [])], {
      env,
      // A bundled handler runs where Lambda runs it: in its code root, as /var/task.
      ...(taskRoot ? { cwd: taskRoot } : {}),
      // Limited, it starts as a shell that enters its slot's groups and becomes Node in the same process.
      ...(this.#groups
        ? {
            execPath: SHELL,
            execArgv: enterGroupsArgv(
              this.#groups.procsFiles(service, index),
              process.execPath,
              lambdaNodeArgs(services[service].memoryMb, env.NODE_OPTIONS),
            ),
          }
        : { execArgv: [] }),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const instances = this.#instances.get(service) ?? [];
    instances[index] = child;
    this.#instances.set(service, instances);
    // Until it is ready, an instance's output is also kept: its last words say why it could not start.
    let startup: string[] | undefined = [];
    for (const stream of [child.stdout, child.stderr]) {
      forwardLines(stream, (line) => {
        this.#log(service, line);
        startup?.push(line);
      });
    }
    child.once("exit", (code, signal) => {
      if (this.#stopping || instances[index] !== child) return;
      this.#log(service, `instance ${index} ${this.#whyExited(service, index, signal ?? code)}; restarting`);
      setTimeout(() => {
        if (this.#stopping || instances[index] !== child) return;
        // A restart that fails has exited again, and its own exit handler schedules the next attempt.
        this.#startInstance(service, index).catch((error: Error) => this.#log(service, error.message));
      }, RESTART_DELAY_MS);
    });
    const [message] = (await Promise.race([
      once(child, "message"),
      // "close", not "exit": by then its output has been read to the end.
      once(child, "close").then(([code, signal]) => {
        const why = startup?.findLast((line) => /Error/.test(line)) ?? startup?.at(-1) ?? "no output";
        throw new Error(
          `${service} instance ${index} exited before it was ready (${signal ?? code}): ${why}`,
        );
      }),
    ])) as [unknown];
    startup = undefined;
    if ((message as { ready?: string }).ready !== service)
      throw new Error(`${service} instance ${index} sent ${String(message)}`);
    if (instances[index] === child && !this.#stopping) this.#groups?.initCpu(service, index, "handler");
  }

  /** Lambda reports an instance its memory limit ended as out of memory, not as a plain crash. */
  #whyExited(service: ServiceName, index: number, how: NodeJS.Signals | number | null): string {
    const kills = this.#groups?.oomKills(service, index) ?? 0;
    const slot = `${service}-${index}`;
    const seen = this.#oomKillsSeen.get(slot) ?? 0;
    this.#oomKillsSeen.set(slot, kills);
    if (kills <= seen) return `exited (${how})`;
    return `ran out of memory: the kernel's OOM killer ended it at its ${services[service].memoryMb} MB limit (${how}; Runtime.OutOfMemory on Lambda)`;
  }
}

function forwardLines(stream: NodeJS.ReadableStream | null, line: (text: string) => void): void {
  if (!stream) return;
  stream.setEncoding("utf8");
  let pending = "";
  stream.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const text of lines) if (text.trim()) line(text);
  });
}
