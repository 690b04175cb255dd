// Throughput of ingest-normalizer's pure function (parse, redact if asked, estimate, hash) on generated calls.
//   npm run bench   (or: npx -c "node services/ingest-normalizer/bench/normalize.bench.ts")

import { CALL_FORMATS } from "@recap/call-generator/call-types";
import { generateCalls } from "@recap/call-generator/generate-calls";
import { toSubmittedEvent } from "@recap/call-generator/submitted-event";
import { resolveProfile, type SummaryProfile, transcriptSubmitted } from "@recap/shared";
import { normalizeTranscript } from "../src/normalize.ts";

const PER_FORMAT = 300;
const ROUNDS = 3;

const submissions = (format: (typeof CALL_FORMATS)[number]) =>
  generateCalls({ count: PER_FORMAT, seed: `bench-${format}`, formats: [format] }).map((call) => {
    const data = transcriptSubmitted.data.parse((toSubmittedEvent(call) as { data: unknown }).data);
    return { data, content: call.content, bytes: Buffer.byteLength(call.content) };
  });

function measure(
  items: ReturnType<typeof submissions>,
  profile: SummaryProfile,
): { perSecond: number; mbPerSecond: number } {
  for (const item of items) normalizeTranscript(item.data, item.content, profile);
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const item of items) {
      const outcome = normalizeTranscript(item.data, item.content, profile);
      if (outcome.kind !== "normalized")
        throw new Error(`${item.data.transcriptId} rejected: ${outcome.message}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const bytes = items.reduce((sum, item) => sum + item.bytes, 0) * ROUNDS;
  return { perSecond: (items.length * ROUNDS) / seconds, mbPerSecond: bytes / 1024 / 1024 / seconds };
}

console.log(
  `normalizeTranscript, Node ${process.version}, ${PER_FORMAT} generated calls per format, one core`,
);
console.log("format                      avg KB   transcripts/s   MB/s   redacted: transcripts/s   MB/s");
const all: ReturnType<typeof submissions> = [];
for (const format of CALL_FORMATS) {
  const items = submissions(format);
  all.push(...items);
  const plain = measure(items, resolveProfile("default").profile);
  const redacted = measure(items, resolveProfile("redacted").profile);
  const kb = items.reduce((sum, item) => sum + item.bytes, 0) / items.length / 1024;
  console.log(
    `${format.padEnd(26)} ${kb.toFixed(1).padStart(7)} ${plain.perSecond.toFixed(0).padStart(15)} ${plain.mbPerSecond
      .toFixed(1)
      .padStart(
        6,
      )} ${redacted.perSecond.toFixed(0).padStart(25)} ${redacted.mbPerSecond.toFixed(1).padStart(6)}`,
  );
}
const overall = measure(all, resolveProfile("default").profile);
console.log(
  `all formats mixed: ${overall.perSecond.toFixed(0)} transcripts/s, ${overall.mbPerSecond.toFixed(1)} MB/s`,
);
