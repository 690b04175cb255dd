import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ServiceName } from "@recap/shared";
import type { Endpoints } from "../endpoints.ts";
import type { LocalStackOptions } from "../stack.ts";

const ENTRY = fileURLToPath(new URL("./stack-process.ts", import.meta.url));

export type StackChildOptions = Omit<LocalStackOptions, "log" | "bedrockBackend">;

/**
 * The local stack as one child process group: started, SIGKILLed whole (emulators and workers alike, as a
 * machine losing power would), and started again on its state directory. Logs are appended to `logFile`.
 */
export class StackChild {
  readonly #options: StackChildOptions;
  readonly #logFile: string;
  #child: ChildProcess | undefined;

  constructor(options: StackChildOptions, logFile: string) {
    this.#options = options;
    this.#logFile = logFile;
  }

  async start(): Promise<Endpoints> {
    const child = fork(ENTRY, [JSON.stringify(this.#options)], {
      // A group of its own: one signal to the group reaches the stack and every worker it forked.
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.#child = child;
    const log = createWriteStream(this.#logFile, { flags: "a" });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const [message] = (await Promise.race([
      once(child, "message"),
      once(child, "exit").then(([code, signal]) => {
        throw new Error(`the stack exited before it was up (${signal ?? code}); see ${this.#logFile}`);
      }),
    ])) as [{ ready?: Endpoints }];
    if (!message.ready) throw new Error(`the stack sent ${JSON.stringify(message)}`);
    return message.ready;
  }

  /** SIGKILLs one random instance of a service; resolves with the instance's index. */
  async killWorker(service: ServiceName): Promise<number> {
    const child = this.#running();
    const answer = once(child, "message") as Promise<[{ killed?: string; index?: number }]>;
    child.send({ kill: service });
    const [reply] = await answer;
    return reply.index ?? -1;
  }

  /** SIGKILL to the whole group: nothing gets to finish, flush or say goodbye. */
  async killAll(): Promise<void> {
    const child = this.#running();
    const exited = once(child, "exit");
    process.kill(-(child.pid ?? 0), "SIGKILL");
    await exited;
    this.#child = undefined;
  }

  /** A clean stop: SIGTERM, so workers finish their batches. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
    this.#child = undefined;
  }

  #running(): ChildProcess {
    if (!this.#child) throw new Error("the stack is not running");
    return this.#child;
  }
}
