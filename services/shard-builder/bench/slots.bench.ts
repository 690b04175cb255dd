// Recap's packing and slot-keeping against the reference pipeline, in a seeded virtual-clock simulation
// that drives the real nextShard and freeSlots; then nextShard's own speed against a baseline.
//   npx -c "node services/shard-builder/bench/slots.bench.ts"
// The simulated numbers are the same on every run and machine; only the packing speed is wall clock.

import { shardCaps } from "../src/pack-shards.ts";
import { count, ratio } from "./format.ts";
import { JobDraws } from "./job-draws.ts";
import type { JobRun } from "./job-run.ts";
import { lowerBound } from "./lower-bound.ts";
import { measure } from "./metrics.ts";
import { packingSpeed } from "./pack-speed.ts";
import { arrivalPatterns } from "./patterns.ts";
import { simulateRecap } from "./recap-design.ts";
import { simulateReference } from "./reference-design.ts";
import { boundLine, detailLine, legend } from "./results-text.ts";
import { QUOTAS, REFERENCE_POLL_MS, REFERENCE_POLL_PHASES } from "./scenario.ts";
import { setupText } from "./setup-text.ts";
import { markdownTable, type Row, textTable } from "./table.ts";
import { oneDayOfCalls } from "./workload.ts";

const started = performance.now();
const day = oneDayOfCalls();
console.log(setupText(day));

const pollPhases = Array.from(
  { length: REFERENCE_POLL_PHASES },
  (_, i) => ((i + 0.5) / REFERENCE_POLL_PHASES) * REFERENCE_POLL_MS,
);
const rows: Row[] = [];
const details: string[] = [];
for (const pattern of arrivalPatterns(day)) {
  const bound = lowerBound(pattern.transcripts);
  const openMs = pattern.transcripts[0]?.arrivalMs ?? 0;
  // A fresh JobDraws per simulation, all from one seed: the k-th job of every run meets the same luck.
  const designs: [string, JobRun[][]][] = [
    ["Recap", [simulateRecap(pattern.transcripts, new JobDraws())]],
    ["reference", pollPhases.map((phase) => simulateReference(pattern.files, openMs, phase, new JobDraws()))],
  ];
  details.push(boundLine(pattern.name, bound));
  for (const [design, runs] of designs) {
    const metrics = measure(pattern.transcripts, runs, bound);
    rows.push({ pattern: pattern.name, design, metrics });
    details.push(detailLine(design, runs, metrics));
  }
}

const caps = shardCaps(QUOTAS);
const fewest = {
  byRecords: Math.ceil(day.length / caps.records),
  byBytes: Math.ceil(day.reduce((sum, t) => sum + t.bytes, 0) / caps.bytes),
};
console.log(`\nResults (virtual time)\n\n${textTable(rows)}\n\n${details.join("\n")}`);
console.log(`\nMarkdown:\n\n${markdownTable(rows)}\n`);
console.log(legend(fewest));

const speed = packingSpeed(day);
const shardsPerSecond = (ms: number) => count((speed.shards / ms) * 1000);
console.log(
  `\nPacking speed (wall clock, Node ${process.version}, one core, median of ${speed.rounds} rounds)`,
);
console.log(
  `  ${count(speed.members)} pending members → ${speed.shards} shards: nextShard ${speed.nextShardMs.toFixed(2)} ms` +
    ` (${shardsPerSecond(speed.nextShardMs)} shards/s, ${count((speed.members / speed.nextShardMs) * 1000)} members/s);` +
    ` baseline, greedy slicing at the same caps, ${speed.baselineMs.toFixed(2)} ms (${shardsPerSecond(speed.baselineMs)} shards/s)`,
);
console.log(
  `  nextShard ÷ baseline time: ${ratio(speed.nextShardMs / speed.baselineMs)} (identical shards, checked)`,
);
console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
