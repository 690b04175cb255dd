// One Lambda invocation of result-publisher, in a process of its own so its memory is measured alone:
// the module loads and clients are wired as handler.ts wires them (shared constructors, SST links and
// endpoints from the environment harvest.bench.ts passes), then createBatchHandler takes one SQS event.
//   node harvest-invoke.ts <sqs-event.json> <result.json>
// The invocation's peak RSS is the kernel's high-water mark (VmHWM). When a harvest.chunk invocation also
// finishes the job, the mark is read and reset (clear_refs) the moment the finish takes its lease, so
// the chunk and the finish each get their own peak; the invocation's peak is the larger of the two.
import { readFileSync, writeFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";

export interface PhaseResult {
  name: "plan" | "chunk" | "finish";
  ms: number;
  requests: Record<string, number>;
  /** Peak RSS over the phase, bytes (the first phase's includes the cold start). */
  peakRss: number;
  /** process.memoryUsage() at the sample where RSS peaked in the phase. */
  atPeak: NodeJS.MemoryUsage;
  /** V8's committed size of each heap space there, bytes: which part of the heap grew. */
  spacesAtPeak: Record<string, number>;
}

export interface InvokeResult {
  ok: boolean;
  failures: string[];
  /** Module loading and client wiring (the cold start), ms. */
  initMs: number;
  /** From process start to the handler's return, ms. */
  totalMs: number;
  phases: PhaseResult[];
  peakRss: number;
  /** process.resourceUsage().maxRSS, bytes: the same peak as the kernel counts it, never reset. */
  maxRss: number;
}

const [eventPath, resultPath] = process.argv.slice(2);
if (!eventPath || !resultPath) throw new Error("usage: harvest-invoke.ts <sqs-event.json> <result.json>");
const sqsEvent = JSON.parse(readFileSync(eventPath, "utf8"));

const initStart = performance.now();
const shared = { ...(await import("@recap/shared")), ...(await import("@recap/shared/runtime")) };
const { createBatchHandler } = await import("../src/take-batch.ts");
const logger = shared.createLogger("result-publisher");
const config = shared.loadConfig();
const db = shared.createDocumentClient();
const s3 = shared.createS3Client();
const sns = shared.createSnsClient();
const publish = shared.createPublisher(sns, shared.topicArn);

// Request counts, and the boundary between a chunk and the finish that may follow it in one invocation.
let requests: Record<string, number> = {};
type Stack = { add: (m: unknown, o: { step: "initialize"; name: string }) => void };
const count = (
  client: { middlewareStack: unknown },
  service: string,
  onDone?: (input: Record<string, unknown>) => void,
) =>
  (client.middlewareStack as Stack).add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        const name = `${service} ${String(context.commandName ?? "?").replace(/Command$/, "")}`;
        requests[name] = (requests[name] ?? 0) + 1;
        const result = await next(args);
        onDone?.(args.input);
        return result;
      },
    { step: "initialize", name: "harvestBenchCount" },
  );
const phases: PhaseResult[] = [];
let phaseStart = 0;
let phaseName: PhaseResult["name"] = String(sqsEvent.Records?.[0]?.body ?? "").includes('"harvest.chunk"')
  ? "chunk"
  : "plan";
const spaces = () =>
  Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
let samplePeak: NodeJS.MemoryUsage = process.memoryUsage();
let spacesPeak = spaces();
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > samplePeak.rss) {
    samplePeak = now;
    spacesPeak = spaces();
  }
}, 25);
const closePhase = (next: PhaseResult["name"] | undefined) => {
  const now = performance.now();
  phases.push({
    name: phaseName,
    ms: now - phaseStart,
    requests,
    peakRss: highWaterMark(),
    atPeak: samplePeak,
    spacesAtPeak: spacesPeak,
  });
  if (next) {
    requests = {};
    resetHighWaterMark();
    samplePeak = process.memoryUsage();
    spacesPeak = spaces();
    phaseName = next;
    phaseStart = now;
  }
};
// The finish begins when its lease is taken (after the chunk's totals are stored and its own lease let go).
count(db, "dynamodb", (input) => {
  const key = String((input.Key as { pk?: string } | undefined)?.pk ?? "");
  const takesLease = String(input.UpdateExpression ?? "").startsWith("SET leaseOwner");
  if (phaseName === "chunk" && takesLease && key.endsWith("#finish")) closePhase("finish");
});
count(s3, "s3");
count(sns, "sns");

const handler = createBatchHandler(
  () => ({
    db,
    table: shared.tableName("result-publisher"),
    s3,
    bucket: shared.storeBucket(),
    publish,
    logger,
    config,
  }),
  async (_record, error) => {
    // The real policy parks the message in the dead-letter queue; here poison is a failed bench.
    throw new Error(`poison: ${error.reason}: ${error.message}`);
  },
);
const initMs = performance.now() - initStart;

phaseStart = performance.now();
const failures: string[] = [];
try {
  const response = await handler(sqsEvent);
  if (response.batchItemFailures.length > 0) failures.push("the handler reported the message as failed");
} catch (error) {
  failures.push(`the handler threw: ${(error as Error).message}`);
}
closePhase(undefined);
clearInterval(sampler);
const totalMs = performance.now();
const result: InvokeResult = {
  ok: failures.length === 0,
  failures,
  initMs,
  totalMs,
  phases,
  peakRss: Math.max(...phases.map((phase) => phase.peakRss)),
  maxRss: process.resourceUsage().maxRSS * 1024,
};
writeFileSync(resultPath, JSON.stringify(result));
db.destroy();
s3.destroy();
sns.destroy();

/** The kernel's peak resident set of this process since start or the last reset, bytes. */
function highWaterMark(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

function resetHighWaterMark(): void {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux, or not allowed: the next phase's peak then includes this one's.
  }
}
