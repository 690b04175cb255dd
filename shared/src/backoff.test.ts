import { describe, expect, test } from "vitest";
import { backoffDelayMs, withBackoff } from "./backoff.ts";

const policy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 };
const throttled = () => Object.assign(new Error("slow down"), { name: "ThrottlingException" });

describe("withBackoff", () => {
  test("retries throttling until the call succeeds", async () => {
    let calls = 0;
    const result = await withBackoff(async () => {
      if (++calls < 3) throw throttled();
      return "ok";
    }, policy);
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  test("gives up after the last attempt with the throttling error", async () => {
    let calls = 0;
    await expect(
      withBackoff(async () => {
        calls++;
        throw throttled();
      }, policy),
    ).rejects.toThrow("slow down");
    expect(calls).toBe(4);
  });

  test("any other error is thrown at once", async () => {
    let calls = 0;
    await expect(
      withBackoff(async () => {
        calls++;
        throw Object.assign(new Error("bad"), { name: "ValidationException" });
      }, policy),
    ).rejects.toThrow("bad");
    expect(calls).toBe(1);
  });

  test("full jitter: a random wait under a cap that doubles up to the maximum", () => {
    const big = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelayMs(1, big, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, big, () => 0.5)).toBe(200);
    expect(backoffDelayMs(8, big, () => 0.999)).toBe(999);
    expect(backoffDelayMs(2, big, () => 0)).toBe(0);
  });
});
