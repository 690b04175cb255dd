import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import Table from "cli-table3";
import { type Command, InvalidArgumentError } from "commander";
import { advanceClock, offsetDaysAt } from "../lifecycle/clock.ts";
import { type LifecycleStatus, lifecycleStatus } from "../lifecycle/lifecycle-status.ts";
import { type SweepResult, sweepExpired } from "../lifecycle/sweep.ts";
import { resolveTarget } from "../target/target.ts";
import { printJson } from "./options.ts";
import { COMPACT } from "./table-style.ts";

interface Flags {
  dir: string;
  json?: boolean;
}

export function registerLifecycle(program: Command): void {
  const lifecycle = program
    .command("lifecycle")
    .description(
      "the Store bucket's lifecycle rules (the deployed bucket's, from the topology) on the local stack's emulated clock: advance it to meet expired objects without waiting weeks",
    );
  withLocalFlags(
    lifecycle
      .command("advance")
      .description(
        "move the emulated clock ahead and at once delete what has expired by then; the running stack keeps sweeping on the new clock, and the clock outlives a restart",
      )
      .requiredOption("--days <n>", "how far ahead, in days (fractions allowed)", positiveDays),
  ).action(advance);
  withLocalFlags(
    lifecycle
      .command("status")
      .description(
        "the emulated clock, and for each rule the objects it covers now and when the first of them expires",
      ),
  ).action(status);
}

function withLocalFlags(command: Command): Command {
  return command
    .option(
      "--dir <path>",
      "the local stack's state directory (where `recap dev` wrote endpoints.json)",
      ".recap",
    )
    .option("--json", "print JSON for scripts instead of text");
}

function positiveDays(value: string): number {
  const days = Number(value);
  if (value.trim() === "" || !Number.isFinite(days) || days <= 0)
    throw new InvalidArgumentError(`a number of days > 0 is wanted, not "${value}"`);
  return days;
}

async function advance(flags: Flags & { days: number }): Promise<void> {
  const dir = path.resolve(flags.dir);
  const result = await withBucket(dir, async (s3, bucket) => {
    const clock = await advanceClock(dir, flags.days);
    const offsetDays = offsetDaysAt(clock, new Date());
    try {
      return { offsetDays, ...(await sweepExpired(s3, bucket, dir)) };
    } catch (error) {
      throw new SweepAfterAdvanceFailedError(
        `the clock is now ${offsetDays} days ahead (kept in ${dir}), but sweeping the bucket failed: ${(error as Error).message}. The stack sweeps on the new clock when it next runs`,
      );
    }
  });
  if (flags.json) return printJson(result);
  console.log(advanceText(flags.days, result));
}

async function status(flags: Flags): Promise<void> {
  const dir = path.resolve(flags.dir);
  const result = await withBucket(dir, (s3, bucket) => lifecycleStatus(s3, bucket, dir));
  if (flags.json) return printJson(result);
  console.log(statusText(result));
}

export class SweepAfterAdvanceFailedError extends Error {
  override readonly name = "SweepAfterAdvanceFailedError";
}

/** The running stack's S3, through its endpoints.json, with the plain SDK. */
async function withBucket<T>(dir: string, work: (s3: S3Client, bucket: string) => Promise<T>): Promise<T> {
  // Local only: a deployed bucket's lifecycle runs on AWS's clock, which no one can advance.
  const target = await resolveTarget({ dir });
  const s3 = new S3Client({ ...target.aws, forcePathStyle: true });
  try {
    return await work(s3, target.bucket);
  } finally {
    s3.destroy();
  }
}

function advanceText(days: number, result: SweepResult & { offsetDays: number }): string {
  const total = Object.values(result.expired).reduce((sum, n) => sum + n, 0);
  const table = new Table({ head: ["rule", "expired"], ...COMPACT });
  for (const [rule, count] of Object.entries(result.expired)) table.push([rule, count]);
  return [
    `Emulated clock advanced ${days} days: now ${result.emulatedNow.toISOString()}, ${result.offsetDays} days ahead of real time.`,
    `${total} object${total === 1 ? "" : "s"} expired:`,
    table.toString(),
    ...notEmulatedLines(result.notEmulated),
  ].join("\n");
}

function statusText(result: LifecycleStatus): string {
  const table = new Table({ head: ["rule", "prefix", "expires", "objects", "first expires"], ...COMPACT });
  for (const rule of result.rules)
    table.push([
      rule.id,
      rule.prefix || "(whole bucket)",
      "days" in rule.expires ? `${rule.expires.days} days after written` : `on ${rule.expires.date}`,
      rule.objects,
      rule.nextExpiry ?? "-",
    ]);
  return [
    `Emulated clock: ${result.emulatedNow}, ${result.offsetDays} days ahead of real time (${result.advances.length} advance${result.advances.length === 1 ? "" : "s"}).`,
    `Lifecycle rules of bucket ${result.bucket}:`,
    table.toString(),
    ...notEmulatedLines(result.notEmulated),
  ].join("\n");
}

function notEmulatedLines(rules: LifecycleStatus["notEmulated"]): string[] {
  return rules.map((rule) => `Not carried out locally: ${rule.id}: ${rule.why}.`);
}
