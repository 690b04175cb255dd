import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CALL_FORMATS, type CallFormat, type GeneratedCall } from "./call-types.ts";
import { EXTENSIONS } from "./formats/rendered-call.ts";
import { generateCalls } from "./generate-calls.ts";
import { toSubmittedEvent } from "./submitted-event.ts";

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

export interface CallSetOptions {
  calls: number;
  /** `mixed`, or one format. */
  format: string;
  broken: number;
  seed: string;
  out: string;
}

/** `recap generate`: generates the set its options describe and writes it; says what it wrote. */
export async function writeCallSet(options: CallSetOptions) {
  const formats = formatsOf(options.format);
  const started = performance.now();
  const calls = generateCalls({ count: options.calls, seed: options.seed, formats, broken: options.broken });
  await writeCalls(options.out, calls);
  return { ...options, seconds: (performance.now() - started) / 1000 };
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

function formatsOf(format: string): readonly CallFormat[] {
  if (format === "mixed") return CALL_FORMATS;
  const known = CALL_FORMATS.find((candidate) => candidate === format);
  if (!known) throw new Error(`--format takes mixed or one of ${CALL_FORMATS.join(", ")}, not "${format}"`);
  return [known];
}
