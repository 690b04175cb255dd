import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The `recap` CLI as a user runs it: its own process, its exit code and both streams. */
export function runRecap(args: readonly string[]): Promise<CliRun> {
  const child = startRecap(args);
  return child.exited;
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  output(): CliRun;
  /** Resolves once stderr or stdout holds `text`. */
  printed(text: string | RegExp, withinMs?: number): Promise<void>;
  exited: Promise<CliRun>;
}

/** A long-running command (`recap watch`), to read while it runs and stop with a signal. */
export function startRecap(args: readonly string[]): RunningCli {
  const child = spawn(process.execPath, ["packages/local/bin/recap.js", ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<CliRun>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
  const output = () => ({ code: child.exitCode, stdout, stderr });
  return {
    child,
    output,
    exited,
    async printed(text, withinMs = 30_000) {
      const deadline = Date.now() + withinMs;
      const seen = () =>
        typeof text === "string" ? `${stdout}${stderr}`.includes(text) : text.test(`${stdout}${stderr}`);
      while (!seen()) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(
            `recap ${args.join(" ")} did not print ${text}; stdout: ${stdout}\nstderr: ${stderr}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
