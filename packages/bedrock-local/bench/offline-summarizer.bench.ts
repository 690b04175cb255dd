/**
 * Throughput of the offline summarizer on one core: each record goes parse (Anthropic body) → summarizer →
 * format, as a batch job runs it. Prints records/s and MB/s of transcript text, for the reference notebook's
 * prose prompt and for a JSON prompt.
 *
 *   npx -c "node packages/bedrock-local/bench/offline-summarizer.bench.ts [records]"
 */
import { fileURLToPath } from "node:url";
import { formatAnthropicOutput, parseAnthropicInput } from "../src/models/anthropic.ts";
import { summarizeOffline } from "../src/models/offline-summarizer.ts";
import { loadCalls } from "./synthetic-calls.ts";

const RECORDS = Number(process.argv[2] ?? 20_000);
const WARM_UP_RECORDS = 500;
const zipPath = fileURLToPath(
  new URL("../../../../shared/samples/synthetic-calls/synthetic_call_transcript_data.zip", import.meta.url),
);
const context = { modelId: "us.anthropic.claude-3-haiku-20240307-v1:0", latencyMs: 0 };

const prompts = {
  "prose (notebook prompt, max_tokens 300)": {
    maxTokens: 300,
    prompt: (call: string) =>
      `Write an accurate 250 word gender-neutral summary of the following text: <text>${call}</text>`,
  },
  "JSON (Recap's five keys, max_tokens 1000)": {
    maxTokens: 1000,
    prompt: (call: string) =>
      `Summarize the customer call below. Respond with JSON only.\n\n<transcript>\n${call}\n</transcript>`,
  },
};

const { calls, source } = loadCalls(zipPath, 1_100);
const averageBytes = calls.reduce((sum, call) => sum + Buffer.byteLength(call), 0) / calls.length;
console.log(`${calls.length} calls from ${source}, ${(averageBytes / 1024).toFixed(1)} KB on average`);
console.log(`Node ${process.version}, ${RECORDS} records per run, one core\n`);

for (const [name, { maxTokens, prompt }] of Object.entries(prompts)) {
  const bodies = calls.map((call) => ({
    anthropic_version: "bedrock-2023-05-31",
    max_tokens: maxTokens,
    messages: [{ role: "user", content: [{ type: "text", text: prompt(call) }] }],
  }));
  const run = (records: number) => {
    let outputTokens = 0;
    for (let i = 0; i < records; i++) {
      const completion = summarizeOffline(parseAnthropicInput(bodies[i % bodies.length]));
      outputTokens += formatAnthropicOutput(completion, context).usage.output_tokens;
    }
    return outputTokens;
  };
  run(WARM_UP_RECORDS);
  const started = process.hrtime.bigint();
  const outputTokens = run(RECORDS);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const megabytes = (averageBytes * RECORDS) / 1e6;
  console.log(
    `${name}: ${(RECORDS / seconds).toFixed(0)} records/s, ${(megabytes / seconds).toFixed(1)} MB/s of transcript, ` +
      `${(outputTokens / RECORDS).toFixed(0)} output tokens per record`,
  );
}
