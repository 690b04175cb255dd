import type { RenderedCall } from "./rendered-call.ts";

const LABELS = { agent: "Agent", customer: "Customer" } as const;

/** `[{speaker, text, start, end}]`, times in seconds: what a producer with its own recognizer sends. */
export function jsonTurns(call: RenderedCall): string {
  const turns = call.lines.map((line) => ({
    speaker: LABELS[line.speaker],
    text: line.text,
    start: line.startMs / 1000,
    end: line.endMs / 1000,
  }));
  return JSON.stringify(turns, null, 2);
}
