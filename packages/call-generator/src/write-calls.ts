import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CALL_FORMATS, type CallFormat, type GeneratedCall } from "./call-types.ts";
import { EXTENSIONS } from "./formats/rendered-call.ts";
import { generateCalls } from "./generate-calls.ts";
import { toSubmittedEvent } from "./submitted-event.ts";

export const GENERATE_USAGE = `  generate  Write synthetic contact-center calls, each with its ground truth, and their events.
           --calls <n>       how many (default 100)
           --format <name>   one of ${CALL_FORMATS.join(", ")}, or mixed (default)
           --broken <n>      how many are broken in assorted ways, each to be rejected (default 0)
           --seed <s>        same seed, same calls (default 1)
           --out <dir>       where to write them (default .recap/calls)`;

/**
 * Writes a set of calls to `dir`: per call its transcript (`<id>.txt|.json|.vtt|.srt`) and ground truth
 * (`<id>.truth.json`); `manifest.json` listing them all; `events.jsonl`, the submitted event of every
 * call a line, ready to publish.
 */
export async function writeCalls(dir: string, calls: readonly GeneratedCall[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = [];
  for (const call of calls) {
    const file = `${call.transcriptId}${EXTENSIONS[call.format]}`;
    const truthFile = `${call.transcriptId}.truth.json`;
    const { content: _, truth, ...about } = call;
    await writeFile(join(dir, file), call.content);
    await writeFile(join(dir, truthFile), `${JSON.stringify({ ...about, ...truth }, null, 2)}\n`);
    entries.push({
      transcriptId: call.transcriptId,
      file,
      truthFile,
      format: call.format,
      ...summaryOf(call),
    });
  }
  const manifest = { calls: entries.length, broken: calls.filter(isBroken).length, entries };
  await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const events = calls.map((call) => JSON.stringify(toSubmittedEvent(call)));
  await writeFile(join(dir, "events.jsonl"), events.map((line) => `${line}\n`).join(""));
}

/** `recap generate …`: parses the options, writes the set, and says in one line what it wrote where. */
export async function runGenerate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      calls: { type: "string", default: "100" },
      format: { type: "string", default: "mixed" },
      broken: { type: "string", default: "0" },
      seed: { type: "string", default: "1" },
      out: { type: "string", default: ".recap/calls" },
    },
  });
  const count = wholeNumber(values.calls, "--calls");
  const broken = wholeNumber(values.broken, "--broken");
  const formats = formatsOf(values.format);
  const started = performance.now();
  const calls = generateCalls({ count, seed: values.seed, formats, broken });
  await writeCalls(values.out, calls);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${count} calls (${values.format}, ${broken} broken, seed ${values.seed}) written to ${values.out} in ${seconds} s: transcripts, ground truth, manifest.json, events.jsonl`,
  );
}

function summaryOf(call: GeneratedCall) {
  const { intent, resolution, tone, sentiment, expectedRejection } = call.truth;
  return {
    channel: call.channel,
    intent,
    resolution,
    tone,
    sentiment,
    ...(expectedRejection ? { expectedRejection } : {}),
  };
}

const isBroken = (call: GeneratedCall) => call.truth.expectedRejection !== undefined;

function wholeNumber(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${option} takes a whole number, not "${value}"`);
  return Number(value);
}

function formatsOf(format: string): readonly CallFormat[] {
  if (format === "mixed") return CALL_FORMATS;
  const known = CALL_FORMATS.find((candidate) => candidate === format);
  if (!known) throw new Error(`--format takes mixed or one of ${CALL_FORMATS.join(", ")}, not "${format}"`);
  return [known];
}
