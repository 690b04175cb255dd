import { Command, CommanderError } from "commander";
import { registerBedrockLocal } from "./commands/bedrock-local.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerDev } from "./commands/dev.ts";
import { registerDlq } from "./commands/dlq.ts";
import { registerEval } from "./commands/eval.ts";
import { registerGenerate } from "./commands/generate.ts";
import { registerJobs } from "./commands/jobs.ts";
import { registerPublish } from "./commands/publish.ts";
import { registerReport } from "./commands/report.ts";
import { registerStatus } from "./commands/status.ts";
import { registerWatch } from "./commands/watch.ts";

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

for (const register of [
  registerDemo,
  registerDev,
  registerGenerate,
  registerPublish,
  registerWatch,
  registerStatus,
  registerJobs,
  registerReport,
  registerDlq,
  registerEval,
  registerBedrockLocal,
])
  register(program);

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
