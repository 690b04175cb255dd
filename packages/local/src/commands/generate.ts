import { CALL_FORMATS } from "@recap/call-generator/call-types";
import { writeCallSet } from "@recap/call-generator/write-calls";
import type { Command } from "commander";
import { printJson, wholeNumber, withJson } from "./options.ts";

export function registerGenerate(program: Command): void {
  withJson(
    program
      .command("generate")
      .description(
        "write synthetic contact-center calls, each with its ground truth (<id>.truth.json), a manifest and events.jsonl; `recap publish <dir>` sends them, `recap eval --truth <dir>` scores their summaries",
      )
      .option("--calls <n>", "how many", wholeNumber(1), 100)
      .option("--format <name>", `one of ${CALL_FORMATS.join(", ")}, or mixed`, "mixed")
      .option("--broken <n>", "how many are broken in assorted ways, each to be rejected", wholeNumber(0), 0)
      .option("--seed <s>", "same seed, same calls", "1")
      .option("--out <dir>", "where to write them", ".recap/calls"),
  ).action(async (options: Parameters<typeof writeCallSet>[0] & { json?: boolean }) => {
    const { json, ...set } = options;
    const written = await writeCallSet(set);
    if (json) return printJson(written);
    console.log(
      `${written.calls} calls (${written.format}, ${written.broken} broken, seed ${written.seed}) written to ${written.out} in ${written.seconds.toFixed(1)} s: transcripts, ground truth, manifest.json, events.jsonl`,
    );
  });
}
