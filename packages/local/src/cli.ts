import { Command, CommanderError } from "commander";

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when it runs: a command imports the SDK clients, emulators or stack it
 * needs, and `recap status --help` should not wait for the demo's. `recap --help` (or an unknown word) loads
 * them all, to list them.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  demo: async () => (await import("./commands/demo.ts")).registerDemo,
  dev: async () => (await import("./commands/dev.ts")).registerDev,
  bundle: async () => (await import("./commands/bundle.ts")).registerBundle,
  generate: async () => (await import("./commands/generate.ts")).registerGenerate,
  publish: async () => (await import("./commands/publish.ts")).registerPublish,
  watch: async () => (await import("./commands/watch.ts")).registerWatch,
  status: async () => (await import("./commands/status.ts")).registerStatus,
  jobs: async () => (await import("./commands/jobs.ts")).registerJobs,
  report: async () => (await import("./commands/report.ts")).registerReport,
  dlq: async () => (await import("./commands/dlq.ts")).registerDlq,
  lifecycle: async () => (await import("./commands/lifecycle.ts")).registerLifecycle,
  eval: async () => (await import("./commands/eval.ts")).registerEval,
  "bedrock-local": async () => (await import("./commands/bedrock-local.ts")).registerBedrockLocal,
};

/**
 * `recap`: one entry, a subcommand per job. commander gives every subcommand (and `jobs list`, `dlq redrive`)
 * its own `--help`, and refuses unknown options and missing arguments by name; a usage error exits 2, a
 * failure of the command itself 1.
 */
const program = new Command("recap")
  .description(
    "Call-transcript summaries at batch prices. Every command acts on the local stack by default (`recap dev`), or on a deployed stage with --stage NAME.",
  )
  .exitOverride()
  .showHelpAfterError("(recap <command> --help shows its options)");

const named = COMMANDS[process.argv[2] ?? ""];
for (const load of named ? [named] : Object.values(COMMANDS)) (await load())(program);

let running = "recap";
program.hook("preAction", (_program, command) => {
  running = `recap ${command.parent && command.parent !== program ? `${command.parent.name()} ` : ""}${command.name()}`;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // commander has already printed its message (or the help) when it throws.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  console.error(`${running}: ${(error as Error).message}`);
  process.exit(1);
}
