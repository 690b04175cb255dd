import path from "node:path";
import {
  GetBucketLifecycleConfigurationCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { advanceClock } from "@recap/local/lifecycle/clock";
import { expiresAt } from "@recap/local/lifecycle/expiry";
import { bucketLifecycleConfiguration } from "@recap/local/lifecycle/rules";
import { storeLifecycleRules } from "@recap/shared/lifecycle";
import { type Prefix, prefixes } from "@recap/shared/topology";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runRecap } from "../support/recap-cli.ts";
import { startTestStack, type TestStack } from "../support/test-stack.ts";

/**
 * The Store bucket's lifecycle rules, the deployed bucket's, carried out on the local stack's emulated
 * clock: through the emulator with the real SDK, `recap lifecycle` as a user runs it, the stack's own
 * periodic sweep, and a restart on the same state directory.
 */
const DAY_MS = 86_400_000;
const allPrefixes = Object.keys(prefixes) as Prefix[];
const expiring = new Set<string>(storeLifecycleRules.map((rule) => rule.prefix));

let env: TestStack;

beforeAll(async () => {
  // No workers: nothing but the test writes to the bucket. The stack sweeps at start and then hourly, so
  // what the command reports is all its own; the restarted stack below sweeps every second.
  env = await startTestStack({ services: [], lifecycleSweepEverySeconds: 3600 });
});
afterAll(async () => {
  await env?.stop();
});

const bucket = () => env.stack.resources.bucket;
const keysUnder = async (prefix: string) =>
  ((await env.s3.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix }))).Contents ?? []).map(
    (object) => object.Key,
  );
const put = (key: string) => env.s3.send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: "{}" }));

/** `recap lifecycle …` on the test stack's directory, its JSON read back. */
const lifecycle = async (...args: string[]) => {
  const run = await runRecap(["lifecycle", ...args, "--dir", env.dir, "--json"]);
  expect(run.code, `recap lifecycle ${args.join(" ")}: ${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout);
};

// A bound on liveness, not a speed assertion: a sweep on a loaded 2-core machine (two suite files at once) can lag.
async function until(condition: () => Promise<boolean>, what: string, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("S3 lifecycle on the emulated clock", () => {
  test("the emulator's bucket carries the topology's rules, as the deployed bucket does", async () => {
    const read = await env.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket() }));
    expect(read.Rules).toEqual(bucketLifecycleConfiguration(storeLifecycleRules).Rules);
    expect(storeLifecycleRules.length).toBeGreaterThan(0);
  });

  test("recap lifecycle advance: up to a minute before S3's rounded expiry everything stays; past it, exactly the expiring prefixes go", {
    timeout: 60_000,
  }, async () => {
    for (const prefix of allPrefixes) await put(`${prefix}advance-test.json`);
    // Two pages of ListObjectsV2 under one prefix: the sweep must read past the first 1,000 keys.
    for (let start = 0; start < 1005; start += 50)
      await Promise.all(
        Array.from({ length: Math.min(50, 1005 - start) }, (_, i) => put(`shards/many/${start + i}.jsonl`)),
      );
    const written = new Date();
    // For the rule that expires first, S3's expiry: its days after the write, rounded up to midnight UTC.
    const first = [...storeLifecycleRules].sort((a, b) => a.days - b.days)[0];
    if (!first) throw new Error("the topology expires nothing");
    const due = expiresAt({ id: first.id, prefix: first.prefix, expiration: { days: first.days } }, written);
    // To a minute short of it (the command's own start-up takes a second or two of real time).
    const short = await lifecycle(
      "advance",
      "--days",
      String((due.getTime() - Date.now() - 60_000) / DAY_MS),
    );
    expect(Object.values(short.expired as Record<string, number>).every((n) => n === 0)).toBe(true);
    for (const prefix of allPrefixes)
      expect(await keysUnder(prefix), prefix).toContain(`${prefix}advance-test.json`);

    const past = await lifecycle("advance", "--days", String(120_000 / DAY_MS));
    expect(Date.parse(past.emulatedNow)).toBeGreaterThanOrEqual(due.getTime());
    for (const prefix of allPrefixes) {
      const kept = await keysUnder(prefix);
      if (expiring.has(prefix)) expect(kept, prefix).toEqual([]);
      else expect(kept, prefix).toEqual([`${prefix}advance-test.json`]);
    }
    const shardsRule = storeLifecycleRules.find((rule) => rule.prefix === "shards/");
    expect(past.expired[shardsRule?.id ?? ""]).toBe(1006);
  });

  test("recap lifecycle status: the clock, and each rule's objects and first expiry", async () => {
    await put("outputs/status.jsonl.out");
    const status = await lifecycle("status");
    expect(status.bucket).toBe(bucket());
    // The two advances of the test before: to a minute short of the expiry, and two minutes on.
    expect(status.offsetDays).toBeGreaterThan(29);
    expect(status.rules.map((rule: { id: string }) => rule.id)).toEqual(storeLifecycleRules.map((r) => r.id));
    const outputs = status.rules.find((rule: { prefix: string }) => rule.prefix === "outputs/");
    expect(outputs.objects).toBe(1);
    expect(Date.parse(outputs.nextExpiry)).toBeGreaterThan(Date.parse(status.emulatedNow));
    const text = await runRecap(["lifecycle", "status", "--dir", env.dir]);
    expect(text.stdout).toMatch(/days ahead of real time \(2 advances\)/);
    expect(text.stdout).toMatch(/expire-outputs\s+│?\s*outputs\/\s+│?\s*30 days after written/);
  });

  test("the clock outlives a restart: advanced while the stack is down, the restarted stack expires at start", {
    timeout: 60_000,
  }, async () => {
    await put("normalized/across-restart.json");
    const { dir } = env;
    const offset = (await lifecycle("status")).offsetDays as number;
    await env.stop({ keepDir: true });
    // Advanced while the stack is down: the clock moves, and the command says the sweep could not run.
    const down = await runRecap(["lifecycle", "advance", "--days", "40", "--dir", dir]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /the clock is now [\d.]+ days ahead \(kept in .*\), but sweeping the bucket failed/,
    );
    env = await startTestStack({ dir, services: [], lifecycleSweepEverySeconds: 1 });
    await until(
      async () => !(await keysUnder("normalized/")).includes("normalized/across-restart.json"),
      "normalized/across-restart.json expired by the restarted stack's first sweep",
    );
    expect((await lifecycle("status")).offsetDays).toBe(offset + 40);
    expect(await keysUnder("raw/")).toEqual(["raw/advance-test.json"]);
  });

  test("an object written after an advance is as young as in real time: the running stack's sweeps leave it", async () => {
    const sweepLines = () => env.logs.filter((line) => line.startsWith("s3-lifecycle"));
    const before = sweepLines().length;
    await put("normalized/after-advance.json");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await keysUnder("normalized/")).toEqual(["normalized/after-advance.json"]);
    expect(sweepLines().slice(before)).toEqual([]);
  });

  test("the running stack sweeps on its own: an advance made by another process takes effect at its next sweep", async () => {
    await put("shards/periodic.jsonl");
    await advanceClock(env.dir, 31);
    await until(async () => (await keysUnder("shards/")).length === 0, "shards/periodic.jsonl expired");
    expect(await keysUnder("normalized/")).toEqual([]);
    expect(await keysUnder("raw/")).toEqual(["raw/advance-test.json"]);
    expect(env.logs).toContainEqual(
      expect.stringMatching(
        /^s3-lifecycle expired 1 under expire-normalized, 1 under expire-shards \(emulated clock /,
      ),
    );
  });

  test("recap lifecycle status where no stack was ever started says how to start one", async () => {
    const run = await runRecap(["lifecycle", "status", "--dir", path.join(env.dir, "nowhere")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no local stack in .*nowhere.*npx recap dev/);
  });

  test("recap lifecycle advance refuses a number of days that is not above 0, as a usage error", async () => {
    const run = await runRecap(["lifecycle", "advance", "--days", "0", "--dir", env.dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a number of days > 0 is wanted, not "0"/);
  });
});
