import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  advanceClock,
  CLOCK_FILE,
  ClockFileInvalidError,
  offsetDaysAt,
  onEmulatedClock,
  readClock,
} from "./clock.ts";

const DAY_MS = 86_400_000;
const at = (iso: string) => new Date(iso);

describe("the emulated clock", () => {
  const clock = {
    advances: [
      { at: "2026-12-07T12:00:00.000Z", days: 31 },
      { at: "2026-12-08T12:00:00.000Z", days: 2 },
    ],
  };

  test("is real time plus the advances made up to the instant read", () => {
    expect(offsetDaysAt(clock, at("2026-12-07T11:59:59.999Z"))).toBe(0);
    expect(offsetDaysAt(clock, at("2026-12-07T12:00:00.000Z"))).toBe(31);
    expect(offsetDaysAt(clock, at("2026-12-09T00:00:00.000Z"))).toBe(33);
    expect(onEmulatedClock(clock, at("2026-12-09T00:00:00.000Z"))).toEqual(
      new Date(at("2026-12-09T00:00:00.000Z").getTime() + 33 * DAY_MS),
    );
  });

  test("an object written after an advance is as young on it as in real time; one written before has aged", () => {
    const now = at("2026-12-09T00:00:00.000Z");
    const emulatedNow = onEmulatedClock(clock, now).getTime();
    const before = at("2026-12-07T00:00:00.000Z");
    const after = at("2026-12-08T13:00:00.000Z");
    expect(emulatedNow - onEmulatedClock(clock, after).getTime()).toBe(now.getTime() - after.getTime());
    expect(emulatedNow - onEmulatedClock(clock, before).getTime()).toBe(
      now.getTime() - before.getTime() + 33 * DAY_MS,
    );
  });
});

describe("the clock file", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "recap-clock-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test("absent, the clock is real time; each advance is kept in the directory with its moment", async () => {
    expect(await readClock(dir)).toEqual({ advances: [] });
    await advanceClock(dir, 31, at("2026-12-07T12:00:00Z"));
    await advanceClock(dir, 0.5, at("2026-12-07T13:00:00Z"));
    expect(await readClock(dir)).toEqual({
      advances: [
        { at: "2026-12-07T12:00:00.000Z", days: 31 },
        { at: "2026-12-07T13:00:00.000Z", days: 0.5 },
      ],
    });
  });

  test("a file that is not a clock is refused by name, with what to do", async () => {
    await writeFile(path.join(dir, CLOCK_FILE), "{ not json");
    await expect(readClock(dir)).rejects.toThrow(ClockFileInvalidError);
    await writeFile(path.join(dir, CLOCK_FILE), JSON.stringify({ advances: [{ at: "yesterday", days: 1 }] }));
    await expect(readClock(dir)).rejects.toThrow(/delete it/);
  });
});
