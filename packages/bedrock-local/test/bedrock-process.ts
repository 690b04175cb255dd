// The emulator in a process of its own, so a test can kill it outright (SIGKILL) mid-job, as a crash would.
//   node bedrock-process.ts <s3Endpoint> <dataDir> <timing JSON>   → prints {"port": n}
import { S3Client } from "@aws-sdk/client-s3";
import { startBedrockLocal } from "../src/server.ts";

const [s3Endpoint, dataDir, timing = "{}"] = process.argv.slice(2);
const s3 = new S3Client({
  region: "us-east-1",
  endpoint: s3Endpoint,
  forcePathStyle: true,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});
const bedrock = await startBedrockLocal({ port: 0, s3, dataDir, timing: JSON.parse(timing) });
process.stdout.write(`${JSON.stringify({ port: bedrock.port })}\n`);
