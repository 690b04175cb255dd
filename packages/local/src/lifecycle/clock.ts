import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/** In the state directory, beside endpoints.json: the emulated clock survives a restart of the stack. */
export const CLOCK_FILE = "s3-clock.json";
const DAY_MS = 86_400_000;

const clockSchema = z.object({
  advances: z.array(
    z.object({
      /** Real time of the advance. */
      at: z.iso.datetime(),
      days: z.number().positive(),
    }),
  ),
});
/**
 * The clock S3's lifecycle runs on locally: real time plus every advance made so far. Each advance is kept
 * with the moment it was made, so an object written after it is as young on the emulated clock as it is
 * in real time: advancing 31 days expires what was there, not also everything written since.
 */
export type EmulatedClock = z.infer<typeof clockSchema>;

export class ClockFileInvalidError extends Error {
  override readonly name = "ClockFileInvalidError";
}

/** Days the emulated clock is ahead of real time at a real instant: the advances made up to then. */
export function offsetDaysAt(clock: EmulatedClock, instant: Date): number {
  return clock.advances
    .filter((advance) => Date.parse(advance.at) <= instant.getTime())
    .reduce((days, advance) => days + advance.days, 0);
}

/** A real instant (now, or an object's LastModified) on the emulated clock. */
export function onEmulatedClock(clock: EmulatedClock, instant: Date): Date {
  return new Date(instant.getTime() + offsetDaysAt(clock, instant) * DAY_MS);
}

/** The clock in a state directory; without the file, no advance has been made. */
export async function readClock(dir: string): Promise<EmulatedClock> {
  let text: string;
  try {
    text = await readFile(path.join(dir, CLOCK_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { advances: [] };
    throw error;
  }
  const parsed = clockSchema.safeParse(parseJson(text));
  if (!parsed.success)
    throw new ClockFileInvalidError(
      `${path.join(dir, CLOCK_FILE)} is not an emulated clock (${parsed.error.issues[0]?.message}); delete it to start again from real time`,
    );
  return parsed.data;
}

/** Moves the emulated clock `days` ahead from `now` on, and keeps it in the state directory. */
export async function advanceClock(dir: string, days: number, now = new Date()): Promise<EmulatedClock> {
  const clock = await readClock(dir);
  const advanced = { advances: [...clock.advances, { at: now.toISOString(), days }] };
  // Written whole, then renamed: a running stack reading it never sees half a file.
  const file = path.join(dir, CLOCK_FILE);
  await writeFile(`${file}.tmp`, `${JSON.stringify(advanced, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return advanced;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
