import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * `.recap/endpoints.json`: everything an AWS SDK client or CLI needs to join the local stack. Queue URLs
 * are AWS-shaped (`sqs.<region>.localhost`); point clients at `endpoint`, which serves them all, and
 * Bedrock clients at `bedrockEndpoint`, DynamoDB clients at `dynamodbEndpoint`, Service Quotas clients at
 * `serviceQuotasEndpoint`.
 */
export const endpointsSchema = z.object({
  stage: z.string().describe("The stage the local stack runs as: Bedrock job names start recap-<stage>-"),
  region: z.string(),
  endpoint: z.url().describe("SQS, SNS and S3, one HTTP endpoint on 127.0.0.1"),
  bedrockEndpoint: z.url().describe("The local Bedrock: batch control plane and runtime, over HTTP/1.1"),
  dynamodbEndpoint: z.url().describe("DynamoDB (dynalite) for the services' own tables"),
  serviceQuotasEndpoint: z
    .url()
    .describe("Service Quotas: the local one, or the endpoint `recap dev --service-quotas-endpoint` named"),
  credentials: z.object({ accessKeyId: z.string(), secretAccessKey: z.string() }),
  bucket: z.string(),
  topics: z.record(z.string(), z.string()),
  queues: z.record(z.string(), z.string()),
  tables: z.record(z.string(), z.string()).describe("Table names by SST link name"),
  lambdaLimits: z
    .object({ applied: z.boolean(), reason: z.string().optional() })
    .optional()
    .describe(
      "Present when --lambda-limits was asked for: whether the workers run within Lambda's memory and CPU",
    ),
});
export type Endpoints = z.infer<typeof endpointsSchema>;

export const ENDPOINTS_FILE = "endpoints.json";

export async function readEndpoints(dir: string): Promise<Endpoints> {
  return endpointsSchema.parse(JSON.parse(await readFile(path.join(dir, ENDPOINTS_FILE), "utf8")));
}
