// S3 (fauxqs) and DynamoDB (dynalite) for seal-shard.bench.ts, in a process of their own: both keep every
// object and item in memory (about 500 MB for a 50,000-record run), which in the bench's process would be
// counted against the sealer. Prints its endpoints as one JSON line, then serves until SIGTERM.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { startLoopbackDynalite } from "@recap/local/loopback-dynalite";
import { startLoopbackFauxqs } from "@recap/local/loopback-fauxqs";
import { ensureTables } from "@recap/local/tables";
import { services } from "@recap/shared";
import type { BenchEndpoints } from "./seal-endpoints.ts";

const BUCKET = "recap-bench-store";

// No data directory and no path: fauxqs and dynalite (memdown) keep everything in this process's memory.
const fauxqs = await startLoopbackFauxqs({ port: 0 });
const dynamo = await startLoopbackDynalite({ port: 0 });
const region = "us-east-1";
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };
const s3Endpoint = `http://127.0.0.1:${fauxqs.port}`;

const s3 = new S3Client({ region, credentials, endpoint: s3Endpoint, forcePathStyle: true });
await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
s3.destroy();
const dynamodb = new DynamoDBClient({ region, credentials, endpoint: dynamo.endpoint });
const spec = services["shard-builder"].table;
await ensureTables(dynamodb, [spec]);
dynamodb.destroy();

const endpoints: BenchEndpoints = {
  s3Endpoint,
  dynamodbEndpoint: dynamo.endpoint,
  bucket: BUCKET,
  table: spec.name,
};
process.stdout.write(`${JSON.stringify(endpoints)}\n`);
process.on("SIGTERM", () => {
  void Promise.all([fauxqs.stop(), dynamo.stop()]).then(() => process.exit(0));
});
