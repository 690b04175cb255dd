// Runs whole batch jobs through the local Bedrock and prints records/s and the emulator's peak memory.
//   npm run bench   (or: npx -c "node packages/bedrock-local/bench/batch-job.bench.ts [records...]")
import { spawn } from "node:child_process";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
} from "@aws-sdk/client-bedrock";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { startBedrockLocal } from "../src/server.ts";

const sizes = process.argv.slice(2).map(Number);
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };
const region = "us-east-1";

const s3Process = spawn(process.execPath, [new URL("./s3-process.ts", import.meta.url).pathname], {
  stdio: ["ignore", "pipe", "inherit"],
});
const [line] = (await once(s3Process.stdout, "data")) as [Buffer];
const { port } = JSON.parse(line.toString()) as { port: number };
const s3 = new S3Client({ region, credentials, endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true });
await s3.send(new CreateBucketCommand({ Bucket: "bench" }));
const bedrock = await startBedrockLocal({ port: 0, s3, timing: { scale: 0 } });
const client = new BedrockClient({ region, credentials, endpoint: bedrock.endpoint });

console.log("records   seconds   records/s   input MB   peak RSS MB   RSS before MB");
for (const records of sizes.length > 0 ? sizes : [5_000, 50_000]) {
  const key = `input-${records}.jsonl`;
  const inputBytes = await uploadRecords(key, records);
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const { jobArn } = await client.send(
    new CreateModelInvocationJobCommand({
      jobName: `bench-${records}`,
      roleArn: "arn:aws:iam::000000000000:role/bench",
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://bench/${key}` } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bench/outputs/" } },
    }),
  );
  for (;;) {
    const job = await client.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    if (job.status === "Completed") break;
    if (["Failed", "PartiallyCompleted", "Stopped", "Expired"].includes(job.status ?? "")) {
      throw new Error(`job ended ${job.status}: ${job.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).padStart(8);
  console.log(
    `${String(records).padStart(7)}   ${seconds.toFixed(2).padStart(7)}   ${Math.round(records / seconds)
      .toString()
      .padStart(9)}   ${mb(inputBytes)}   ${mb(peak).padStart(11)}   ${mb(before).padStart(13)}`,
  );
}
client.destroy();
await bedrock.stop();
s3.destroy();
s3Process.kill("SIGTERM");

/** Streams generated records (about 1.2 KB each, a short call in the reference notebook's request) to S3. */
async function uploadRecords(key: string, count: number): Promise<number> {
  const body = new PassThrough();
  const upload = new Upload({
    client: s3,
    params: { Bucket: "bench", Key: key, Body: body },
    partSize: 5 * 1024 * 1024,
  });
  const done = upload.done();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const transcript = [
      "Agent: Thank you for calling Oktank support, how can I help you today?",
      `Customer: I was charged twice for order ${10_000 + i} and I want the duplicate refunded.`,
      "Agent: I am sorry about that. Let me look at your account.",
      "Customer: Thank you, it has been a frustrating week.",
      `Agent: I can see both charges. I have refunded the duplicate charge for order ${10_000 + i}.`,
      "Agent: You will see it on your statement within three business days, and I will email you a confirmation.",
      "Customer: That is great, thank you so much for your help.",
    ].join("\n");
    const record = {
      recordId: `R${String(i).padStart(10, "0")}`,
      modelInput: {
        anthropic_version: "bedrock-2023-05-31",
        max_tokens: 300,
        messages: [
          {
            role: "user",
            content: [
              {
                type: "text",
                text: `Write an accurate 250 word gender-neutral summary of the following text.\n\n${transcript}`,
              },
            ],
          },
        ],
      },
    };
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    if (!body.write(line)) await once(body, "drain");
  }
  body.end();
  await done;
  return bytes;
}
