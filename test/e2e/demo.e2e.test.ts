import { describe, expect, test } from "vitest";
import { runRecap } from "../support/recap-cli.ts";

/** `recap demo` as a user runs it (the CLI in a process of its own), sized down, with its report as JSON. */
const runDemo = (args: string[]) => runRecap(["demo", ...args]);

describe("recap demo", () => {
  test("every generated call ends as a summary, an explained failure or a rejection, and the report adds up", {
    timeout: 180_000,
  }, async () => {
    const { code, stdout, stderr } = await runDemo(["--calls", "120", "--broken", "6", "--json"]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as {
      calls: number;
      summarized: number;
      failed: Record<string, number>;
      rejected: Record<string, number>;
      jobs: Array<{ status: string; records: number }>;
      inputTokens: number;
      cost: number;
      onDemandCost: number;
    };
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(report.summarized + total(report.failed) + total(report.rejected)).toBe(120);
    expect(total(report.rejected)).toBe(6);
    expect(report.jobs.length).toBeGreaterThan(0);
    expect(report.jobs.reduce((n, j) => n + j.records, 0)).toBe(report.summarized + total(report.failed));
    expect(report.inputTokens).toBeGreaterThan(0);
    expect(report.cost).toBeLessThanOrEqual(report.onDemandCost);
  });

  test("a bad argument is a usage error (exit 2) naming the option, before anything starts", async () => {
    const { code, stderr } = await runDemo(["--calls", "many"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/option '--calls <n>' argument 'many' is invalid. a whole number >= 1 is wanted/);
  });
});
