/**
 * The transcripts both designs receive. One day of a contact center's calls (200,000, ~5 KB each) is drawn
 * once; the arrival patterns only change *when* those calls reach the pipeline, so every difference in the
 * results comes from the designs, not from different data.
 */
import { recordBytes } from "./distributions.ts";
import { stream } from "./prng.ts";
import { HOUR, MINUTE, TRANSCRIPTS } from "./scenario.ts";

export interface Transcript {
  /** 11 alphanumerics, the form Bedrock's older docs ask for. */
  recordId: string;
  /** When the call ended, in virtual ms: it decides which hourly export file holds it. */
  callMs: number;
  /** When its transcript reaches the pipeline, in virtual ms. */
  arrivalMs: number;
  /** Its JSONL line, newline included. */
  bytes: number;
}

/** Calls an hour when the center is closed (an after-hours line): below the job minimum on purpose. */
const AFTER_HOURS_PER_HOUR = 30;

/**
 * The day's shape while open (07:00–22:00, soft edges): a morning peak at 10:30 and a lower, wider
 * afternoon one at 15:00, the familiar two-hump contact-center curve. Relative units.
 */
function openHoursShape(hourOfDay: number): number {
  const opens = 1 / (1 + Math.exp(-(hourOfDay - 7) / 0.3));
  const closes = 1 / (1 + Math.exp(-(22 - hourOfDay) / 0.3));
  const morning = Math.exp(-(((hourOfDay - 10.5) / 1.8) ** 2));
  const afternoon = 0.8 * Math.exp(-(((hourOfDay - 15) / 2.2) ** 2));
  return opens * closes * (0.35 + morning + afternoon);
}

/** Calls per minute over the day, scaled so the whole day holds `total` calls. */
function callsPerMinute(total: number): number[] {
  const minutes = 24 * 60;
  const shape = Array.from({ length: minutes }, (_, m) => openHoursShape((m + 0.5) / 60));
  const shapeTotal = shape.reduce((sum, s) => sum + s, 0);
  const floorTotal = (AFTER_HOURS_PER_HOUR / 60) * minutes;
  const scale = (total - floorTotal) / shapeTotal;
  return shape.map((s) => AFTER_HOURS_PER_HOUR / 60 + scale * s);
}

/**
 * A Poisson process with that rate, conditioned on exactly `total` calls: `total` independent call times
 * drawn from the rate's density (a minute by inverse CDF, then uniform within it), sorted.
 */
function callTimes(total: number): number[] {
  const rate = callsPerMinute(total);
  const cumulative: number[] = [];
  let running = 0;
  for (const r of rate) {
    running += r;
    cumulative.push(running);
  }
  const random = stream("recap-bench/call-times");
  const times = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    const target = random.uniform() * running;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    times[i] = Math.floor((low + random.uniform()) * MINUTE); // whole ms, as ISO arrival keys hold
  }
  return Array.from(times.sort());
}

export function recordIdOf(index: number): string {
  return `t${index.toString(36).padStart(10, "0")}`;
}

/** The day of calls, in call order; arrival equals call time (transcripts stream in live). */
export function oneDayOfCalls(total = TRANSCRIPTS): Transcript[] {
  const sizes = stream("recap-bench/record-bytes");
  return callTimes(total).map((callMs, index) => ({
    recordId: recordIdOf(index),
    callMs,
    arrivalMs: callMs,
    bytes: recordBytes(sizes.normal()),
  }));
}

/** The same calls delivered in one go at `atMs` (a migration or a re-summarization), in call order. */
export function asBackfill(calls: readonly Transcript[], atMs: number): Transcript[] {
  return calls.map((call) => ({ ...call, arrivalMs: atMs }));
}

/** Calls per clock hour of the day, for the header (and to show which hours fall below the minimum). */
export function callsPerHour(calls: readonly Transcript[]): number[] {
  const perHour = new Array<number>(24).fill(0);
  for (const call of calls) {
    const hour = Math.floor(call.callMs / HOUR);
    perHour[hour] = (perHour[hour] ?? 0) + 1;
  }
  return perHour;
}
