import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BACKGROUND, dynamoPhase, type SealPhase, s3Phase } from "./seal-phases.ts";

/** How often memory is sampled while a seal runs. */
const SAMPLE_MS = 50;

export interface PhaseSpan {
  phase: SealPhase;
  ms: number;
  /** CPU this process spent in the span, user and system: near `ms` when the sealer itself is the limit. */
  cpuMs: number;
  requests: number;
  /** Undefined when the span was too short to be sampled. */
  peakRss: number | undefined;
}

export interface SealMeasurement {
  seconds: number;
  rssBefore: number;
  peakRss: number;
  peakHeapUsed: number;
  /** Buffers and other memory V8 tracks outside its heap (sockets, part buffers). */
  peakExternal: number;
  /** The whole of process.memoryUsage() before, and at the sample where RSS peaked: which kind of memory grew. */
  atStart: NodeJS.MemoryUsage;
  atPeak: NodeJS.MemoryUsage;
  spans: PhaseSpan[];
  leaseRequests: number;
}

interface Segment {
  phase: SealPhase;
  requests: number;
  lastEnd: number;
  cpuAtLastEnd: NodeJS.CpuUsage;
}

interface Sample extends NodeJS.MemoryUsage {
  at: number;
}

/**
 * Samples memory every 50 ms and cuts the seal into phases by its requests. A phase runs from the end of the
 * previous phase's last request to the end of its own, so the work done between requests (planning, hashing,
 * serializing the record map) is counted in the phase it leads to.
 */
export class SealProbe {
  private recording = false;
  private startedAt = 0;
  private cpuAtStart: NodeJS.CpuUsage = { user: 0, system: 0 };
  private segments: Segment[] = [];
  private samples: Sample[] = [];
  private leaseRequests = 0;
  private timer: NodeJS.Timeout | undefined;

  /** Hooks both clients once; requests are only recorded between start() and stop(). */
  watch(s3: S3Client, db: DynamoDBDocumentClient): void {
    s3.middlewareStack.add(
      (next, context) => (args) =>
        this.timed(s3Phase(context.commandName ?? "", args.input as Record<string, unknown>), () =>
          next(args),
        ),
      { step: "initialize", name: "sealBenchPhases" },
    );
    db.middlewareStack.add(
      (next, context) => (args) =>
        this.timed(dynamoPhase(context.commandName ?? "", args.input as Record<string, unknown>), () =>
          next(args),
        ),
      { step: "initialize", name: "sealBenchPhases" },
    );
  }

  /** Collects garbage first, so "before" is what the process holds, not what it has yet to free. */
  start(): number {
    globalThis.gc?.();
    this.segments = [];
    this.samples = [];
    this.leaseRequests = 0;
    this.sample();
    this.startedAt = performance.now();
    this.cpuAtStart = process.cpuUsage();
    this.recording = true;
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    return this.samples[0]?.rss ?? 0;
  }

  stop(): SealMeasurement {
    const stoppedAt = performance.now();
    const cpuAtStop = process.cpuUsage();
    this.recording = false;
    clearInterval(this.timer);
    this.sample();
    const spans: PhaseSpan[] = [];
    let from = this.startedAt;
    let cpuFrom = this.cpuAtStart;
    const close = (phase: SealPhase, requests: number, to: number, cpuTo: NodeJS.CpuUsage) => {
      const end = Math.max(from, to);
      const inSpan = this.samples.filter((s) => s.at > from && s.at <= end).map((s) => s.rss);
      spans.push({
        phase,
        ms: end - from,
        cpuMs: Math.max(0, (cpuTo.user + cpuTo.system - cpuFrom.user - cpuFrom.system) / 1000),
        requests,
        peakRss: inSpan.length > 0 ? Math.max(...inSpan) : undefined,
      });
      from = end;
      cpuFrom = cpuTo;
    };
    for (const segment of this.segments)
      close(segment.phase, segment.requests, segment.lastEnd, segment.cpuAtLastEnd);
    close("other", 0, stoppedAt, cpuAtStop);
    const max = (pick: (s: Sample) => number) => Math.max(...this.samples.map(pick));
    const usage = ({ at: _at, ...rest }: Sample): NodeJS.MemoryUsage => rest;
    const first = this.samples[0] as Sample;
    const atPeak = usage(this.samples.reduce((a, b) => (b.rss > a.rss ? b : a)));
    return {
      seconds: (stoppedAt - this.startedAt) / 1000,
      rssBefore: first.rss,
      peakRss: max((s) => s.rss),
      peakHeapUsed: max((s) => s.heapUsed),
      peakExternal: max((s) => s.external),
      atStart: usage(first),
      atPeak,
      spans,
      leaseRequests: this.leaseRequests,
    };
  }

  /** Runs one request (or the publish) inside its phase. */
  async timed<T>(phase: SealPhase | typeof BACKGROUND, run: () => Promise<T>): Promise<T> {
    if (!this.recording) return run();
    if (phase === BACKGROUND) {
      this.leaseRequests++;
      return run();
    }
    let segment = this.segments.at(-1);
    if (segment?.phase !== phase) {
      // A sample at each switch, so a phase shorter than the interval still shows its memory.
      this.sample();
      segment = { phase, requests: 0, lastEnd: performance.now(), cpuAtLastEnd: process.cpuUsage() };
      this.segments.push(segment);
    }
    segment.requests++;
    try {
      return await run();
    } finally {
      // Cheap (under a microsecond), so taken at every request's end: a phase's CPU ends where its time does.
      segment.lastEnd = performance.now();
      segment.cpuAtLastEnd = process.cpuUsage();
    }
  }

  private sample(): void {
    this.samples.push({ at: performance.now(), ...process.memoryUsage() });
  }
}
