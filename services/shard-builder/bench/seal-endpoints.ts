import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Where the emulator process listens, and what it created: passed to every other process as JSON. */
export interface BenchEndpoints {
  s3Endpoint: string;
  dynamodbEndpoint: string;
  bucket: string;
  table: string;
}

/** The environment variable that hands the endpoints to the fixture process. */
export const ENDPOINTS_ENV = "SEAL_BENCH_ENDPOINTS";

const region = "us-east-1";
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };

/** The same clients the handler builds (path-style S3, a document client dropping undefined), on loopback. */
export function benchClients(endpoints: BenchEndpoints): { s3: S3Client; db: DynamoDBDocumentClient } {
  return {
    s3: new S3Client({ region, credentials, endpoint: endpoints.s3Endpoint, forcePathStyle: true }),
    db: DynamoDBDocumentClient.from(
      new DynamoDBClient({ region, credentials, endpoint: endpoints.dynamodbEndpoint }),
      { marshallOptions: { removeUndefinedValues: true } },
    ),
  };
}

export function endpointsFromEnv(): BenchEndpoints {
  const text = process.env[ENDPOINTS_ENV];
  if (!text) throw new Error(`${ENDPOINTS_ENV} is not set: this process is started by seal-shard.bench.ts`);
  return JSON.parse(text) as BenchEndpoints;
}
