import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** What the emulator process serves and created, handed to every other process as JSON. */
export interface HarvestEndpoints {
  /** fauxqs serves S3, SNS and SQS on one port. */
  fauxqs: string;
  dynamodb: string;
  bucket: string;
  table: string;
  topics: { Pipeline: string; Summaries: string };
  /** result-publisher's queue, subscribed to the Pipeline topic for the event types it consumes. */
  chunkQueueUrl: string;
  chunkQueueArn: string;
  /** Every outcome event (Summaries, and record.retrying / job.reported from Pipeline): the bench's checks read it. */
  tapQueueUrl: string;
  deadLetterUrl: string;
}

export const ENDPOINTS_ENV = "HARVEST_BENCH_ENDPOINTS";
export const REGION = "us-east-1";
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };

export function endpointsFromEnv(): HarvestEndpoints {
  const text = process.env[ENDPOINTS_ENV];
  if (!text) throw new Error(`${ENDPOINTS_ENV} is not set: this process is started by harvest.bench.ts`);
  return JSON.parse(text) as HarvestEndpoints;
}

/**
 * What Lambda and SST would give result-publisher's function: region and credentials, the standard endpoint
 * variables the local stack exports, and its links (SST_RESOURCE_*). The invocation process builds its
 * clients from these with the shared constructors, exactly as handler.ts does.
 */
export function lambdaEnvironment(endpoints: HarvestEndpoints): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_S3: endpoints.fauxqs,
    AWS_ENDPOINT_URL_SNS: endpoints.fauxqs,
    AWS_ENDPOINT_URL_SQS: endpoints.fauxqs,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    POWERTOOLS_LOG_LEVEL: "WARN",
    SST_RESOURCE_App: JSON.stringify({ name: "recap", stage: "bench" }),
    SST_RESOURCE_Store: JSON.stringify({ name: endpoints.bucket }),
    SST_RESOURCE_Pipeline: JSON.stringify({ arn: endpoints.topics.Pipeline }),
    SST_RESOURCE_Summaries: JSON.stringify({ arn: endpoints.topics.Summaries }),
    SST_RESOURCE_ResultPublisherDeadLetters: JSON.stringify({ url: endpoints.deadLetterUrl }),
    SST_RESOURCE_ResultPublisherTable: JSON.stringify({ name: endpoints.table }),
  };
}

/** Clients for the bench's own processes (setup, checks, the orchestrator), on loopback. */
export function benchClients(endpoints: HarvestEndpoints) {
  const base = { region: REGION, credentials, endpoint: endpoints.fauxqs };
  return {
    s3: new S3Client({ ...base, forcePathStyle: true }),
    sns: new SNSClient(base),
    sqs: new SQSClient(base),
    db: DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: REGION, credentials, endpoint: endpoints.dynamodb }),
      { marshallOptions: { removeUndefinedValues: true } },
    ),
  };
}
