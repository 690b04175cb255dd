import { BedrockClient } from "@aws-sdk/client-bedrock";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Target } from "./target.ts";

export interface TargetClients {
  sqs: SQSClient;
  sns: SNSClient;
  s3: S3Client;
  bedrock: BedrockClient;
  /** Service Quotas: the stack's own endpoint locally (or the one `recap dev` was pointed at), AWS's on a stage. */
  quotas: ServiceQuotasClient;
  db: DynamoDBDocumentClient;
  destroy(): void;
}

/** Real AWS SDK clients for a target: the local emulators' endpoints, or AWS's own with the default chain. */
export function clientsOf(target: Target): TargetClients {
  const dynamo = new DynamoDBClient(target.dynamodb);
  const clients = {
    sqs: new SQSClient(target.aws),
    sns: new SNSClient(target.aws),
    s3: new S3Client({ ...target.aws, forcePathStyle: Boolean(target.aws.endpoint) }),
    bedrock: new BedrockClient(target.bedrock),
    quotas: new ServiceQuotasClient(target.serviceQuotas),
    db: DynamoDBDocumentClient.from(dynamo),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
      dynamo.destroy();
    },
  };
}
