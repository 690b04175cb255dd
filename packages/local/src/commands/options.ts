import { type Command, InvalidArgumentError } from "commander";
import { clientsOf, type TargetClients } from "../target/clients.ts";
import { resolveTarget, type Target } from "../target/target.ts";

/** A parser for a whole-number option: a clear error (commander names the option) for anything else. */
export function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min)
      throw new InvalidArgumentError(`a whole number >= ${min} is wanted, not "${value}"`);
    return n;
  };
}

/** A parser for an endpoint option: an http(s) URL, or a clear error naming the option. */
export function httpUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== "http:" && url?.protocol !== "https:")
    throw new InvalidArgumentError(`an http:// or https:// URL is wanted, not "${value}"`);
  return value;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`a number >= 0 is wanted, not "${value}"`);
  return n;
}

export interface TargetFlags {
  dir: string;
  stage?: string;
  outputs?: string;
}

/** `--dir`, `--stage` and `--outputs`: every command that acts on a running Recap takes them. */
export function withTarget(command: Command): Command {
  return command
    .option(
      "--dir <path>",
      "the local stack's state directory (where `recap dev` wrote endpoints.json)",
      ".recap",
    )
    .option("--stage <name>", "act on a deployed stage instead, with AWS credentials and SST's outputs")
    .option("--outputs <file>", "SST's outputs for --stage (default .sst/outputs.json)");
}

export function withJson(command: Command): Command {
  return command.option("--json", "print JSON for scripts instead of tables");
}

/**
 * Runs `work` on the target the flags name, with real SDK clients for it, and destroys the clients after
 * (their sockets would otherwise keep the process alive).
 */
export async function onTarget<T>(
  flags: TargetFlags,
  work: (target: Target, clients: TargetClients) => Promise<T>,
): Promise<T> {
  const target = await resolveTarget(flags);
  const clients = clientsOf(target);
  try {
    return await work(target, clients);
  } finally {
    clients.destroy();
  }
}

/** One JSON document on stdout: what `--json` promises scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
