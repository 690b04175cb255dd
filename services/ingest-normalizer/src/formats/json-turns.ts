import { z } from "zod";
import { roleOf } from "../plain-text.ts";
import { isRecord, jsonOf, readShape } from "./json-shape.ts";
import type { ParsedTranscript } from "./parsed-transcript.ts";
import { turnOf } from "./turns.ts";

/*
 * Turns a producer already has as JSON: `[{speaker, text, start?, end?}]` or `{turns: [...]}`.
 * Role: an explicit `role` field, else the speaker's name, both read like plain-text labels
 * ("agent", "Caller", "IVR"); anything unrecognised is `other`.
 * Times: seconds, unless every time is a whole number and the latest passes 14,400: then milliseconds.
 * No call lasts four hours, so seconds never pass that mark, and milliseconds do once a call passes 14.4 s.
 * (Whole milliseconds of a call shorter than that would read as seconds: fractional seconds are unambiguous.)
 */

export const expects =
  'JSON turns: `[{"speaker": "Agent", "text": "Hello", "start": 0.5, "end": 1.2}]` or `{"turns": [...]}`';

const FOUR_HOURS_IN_SECONDS = 4 * 60 * 60;

const timeSchema = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "expected a number of seconds or milliseconds")
    .transform(Number),
]);

const turnSchema = z
  .object({
    speaker: z.string().optional(),
    role: z.string().optional(),
    text: z.string(),
    start: timeSchema.optional(),
    end: timeSchema.optional(),
  })
  .refine(
    (turn) => (turn.speaker ?? turn.role ?? "").trim() !== "",
    "each turn needs a `speaker` or a `role`",
  );

/**
 * An array whose every element has a `text` and a `speaker` or `role` key. Keys, not their types: a turn
 * whose text is a number is a broken JSON-turns file, which the parser names the place of.
 */
export function detect(_content: string, parsed?: unknown): boolean {
  const list = turnList(parsed);
  return (
    Array.isArray(list) &&
    list.every((turn) => isRecord(turn) && "text" in turn && ("speaker" in turn || "role" in turn))
  );
}

export function parse(content: string, parsed?: unknown): ParsedTranscript {
  const given = readShape(z.array(turnSchema), turnList(jsonOf(content, parsed, expects)), expects);
  const toMs = millisecondsPerUnit(given.flatMap((turn) => [turn.start, turn.end]));
  // The producer's turns are kept as given, even two in a row by one speaker: only empty ones are dropped.
  const turns = given.flatMap((turn) => {
    const speaker = turn.speaker?.trim() || (turn.role ?? "").trim();
    const made = turnOf({
      speaker,
      role: roleOf(turn.role ?? speaker),
      text: turn.text,
      startMs: turn.start === undefined ? undefined : turn.start * toMs,
      endMs: turn.end === undefined ? undefined : turn.end * toMs,
    });
    return made ? [made] : [];
  });
  return { format: "json-turns", turns };
}

function turnList(value: unknown): unknown {
  return isRecord(value) ? value.turns : value;
}

function millisecondsPerUnit(times: ReadonlyArray<number | undefined>): 1 | 1000 {
  const known = times.filter((time) => time !== undefined);
  const latest = known.reduce((max, time) => Math.max(max, time), 0);
  return known.every(Number.isInteger) && latest > FOUR_HOURS_IN_SECONDS ? 1 : 1000;
}
