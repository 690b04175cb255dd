import { describe, expect, test } from "vitest";
import { ByteBudget } from "./byte-budget.ts";

/** A piece of work that runs until released, recording when it started. */
function gate(log: string[], name: string) {
  let release = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    release: () => release(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("ByteBudget", () => {
  test("small holds run together; one that does not fit waits for room", async () => {
    const budget = new ByteBudget(20);
    const log: string[] = [];
    const [a, b, c] = [gate(log, "a"), gate(log, "b"), gate(log, "c")];
    const held = [budget.hold(9, a.work), budget.hold(9, b.work), budget.hold(9, c.work)];
    await tick();
    expect(log).toEqual(["start a", "start b"]);
    expect(budget.inUse).toBe(18);
    a.release();
    await tick();
    expect(log).toEqual(["start a", "start b", "end a", "start c"]);
    b.release();
    c.release();
    expect(await Promise.all(held)).toEqual(["a", "b", "c"]);
    expect(budget.inUse).toBe(0);
  });

  test("granted in arrival order: a large hold is not passed over by small ones behind it", async () => {
    const budget = new ByteBudget(10);
    const log: string[] = [];
    const [first, large, small] = [gate(log, "first"), gate(log, "large"), gate(log, "small")];
    const held = [budget.hold(6, first.work), budget.hold(10, large.work), budget.hold(1, small.work)];
    await tick();
    expect(log).toEqual(["start first"]);
    first.release();
    await tick();
    expect(log.slice(-1)).toEqual(["start large"]);
    large.release();
    await tick();
    expect(log.slice(-1)).toEqual(["start small"]);
    small.release();
    await Promise.all(held);
  });

  test("a hold larger than the budget runs alone rather than never; a failure frees its bytes", async () => {
    const budget = new ByteBudget(10);
    await expect(budget.hold(50, async () => budget.inUse)).resolves.toBe(10);
    await expect(
      budget.hold(5, async () => {
        throw new Error("S3 went away");
      }),
    ).rejects.toThrow("S3 went away");
    expect(budget.inUse).toBe(0);
    expect(() => new ByteBudget(0)).toThrow(RangeError);
  });
});
