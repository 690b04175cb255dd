import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runRecap } from "../support/recap-cli.ts";

/** Every subcommand, as `recap --help` lists them; nested ones by their path. */
const COMMANDS = [
  ["demo"],
  ["dev"],
  ["generate"],
  ["publish"],
  ["watch"],
  ["status"],
  ["jobs", "list"],
  ["jobs", "show"],
  ["jobs", "stop"],
  ["report"],
  ["dlq", "list"],
  ["dlq", "show"],
  ["dlq", "redrive"],
  ["lifecycle", "advance"],
  ["lifecycle", "status"],
  ["eval"],
  ["bedrock-local"],
];

let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(path.join(tmpdir(), "recap-cli-usage-"));
});
afterAll(async () => {
  await rm(empty, { recursive: true, force: true });
});

describe("recap: usage", () => {
  test("recap --help lists every command", async () => {
    const { code, stdout } = await runRecap(["--help"]);
    expect(code).toBe(0);
    for (const [name] of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  test.each(COMMANDS)(
    "recap %s %s --help describes it and offers --json",
    { timeout: 20_000 },
    async (...command) => {
      const words = command.filter((word): word is string => typeof word === "string");
      const { code, stdout } = await runRecap([...words, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: recap ${words.join(" ")}`, "m"));
      expect(stdout).toContain("--json");
    },
  );

  test.each([
    [["demo", "--calls", "ten"], /option '--calls <n>' argument 'ten' is invalid/],
    [["nosuch"], /unknown command 'nosuch'/],
    [["status", "--colour", "blue"], /unknown option '--colour'/],
    [["watch", "--filter", "colour=red"], /key=v1,v2 with a key of type, profile/],
    [["watch", "--type", "summary.maybe"], /outcome types among summary.ready/],
    [["dlq", "list", "billing-service"], /one of ingest-normalizer, shard-builder/],
    [["jobs", "show"], /missing required argument 'job'/],
    [["report", "--since", "last tuesday"], /an ISO 8601 time .* or an age/],
    [["publish", "--format", "docx", "x.txt"], /one of auto, plain-text/],
  ])("recap %j is a usage error (exit 2) that says what is wrong", async (args, message) => {
    const { code, stderr } = await runRecap(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  test("a command with no stack to act on says how to get one (exit 1)", async () => {
    const { code, stderr } = await runRecap(["status", "--dir", empty]);
    expect(code).toBe(1);
    expect(stderr).toContain(`recap status: no local stack in ${empty}`);
    expect(stderr).toContain("npx recap dev");
  });

  test("--stage without SST's outputs names the file and the deploy that writes it", async () => {
    const outputs = path.join(empty, "outputs.json");
    const { code, stderr } = await runRecap(["jobs", "list", "--stage", "prod", "--outputs", outputs]);
    expect(code).toBe(1);
    expect(stderr).toContain(`no outputs for stage prod: ${outputs} is missing`);
    expect(stderr).toContain("npx sst deploy --stage prod");
  });

  test("publish refuses a path that names nothing rather than publishing nothing", async () => {
    const { code, stderr } = await runRecap(["publish", path.join(empty, "no-such-dir"), "--dir", empty]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(empty, "no-such-dir")}: no such file or directory`);
  });
});
