import { broken, chaosReport } from "@recap/local/chaos/chaos-figures";
import { runChaos } from "@recap/local/chaos/run-chaos";
import { describe, expect, test } from "vitest";

/**
 * `npm run chaos`, shorter: calls through the whole local stack while a random worker of a random service is
 * SIGKILLed every 1–2 s and, once, the whole stack (emulators included) is SIGKILLed and restarted on its
 * persisted state. Counted from outside: a subscriber's queue on the Summaries topic, and Bedrock's job list.
 */
describe("chaos", () => {
  test("with workers and the whole stack SIGKILLed mid-flight, no call is lost, none ends twice, no shard is billed twice", {
    timeout: 420_000,
  }, async () => {
    const figures = await runChaos({
      calls: 600,
      workers: 3,
      seed: "chaos-suite",
      killEverySeconds: 1,
      restartAtShare: 0.35,
      stallSeconds: 120,
      timeScale: 0.05,
      lambdaLimits: true,
    });
    console.info(chaosReport(figures));
    expect(broken(figures)).toEqual([]);
    expect(figures).toMatchObject({ lost: 0, twoOutcomes: 0, jobsCreatedTwice: 0, inFlight: 0 });
    expect(Object.values(figures.outcomes).reduce((a, b) => a + b, 0)).toBe(600);
    // The chaos happened: kills in every service, and the stack restart mid-flight, with calls still to end.
    for (const [service, kills] of Object.entries(figures.kills)) expect(kills, service).toBeGreaterThan(0);
    expect(figures.stackRestart?.atEnded).toBeGreaterThan(0);
    expect(figures.stackRestart?.atEnded).toBeLessThan(600);
    expect(figures.jobs.total).toBeGreaterThan(1);
  });
});
