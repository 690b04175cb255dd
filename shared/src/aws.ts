import { BedrockClient } from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";

type AwsService = "sqs" | "sns" | "s3" | "dynamodb" | "bedrock" | "bedrock-runtime" | "service-quotas";

/**
 * Client settings for one AWS service. On Lambda there is nothing to set. Locally the stack exports the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables, and they are passed as an explicit `endpoint`: the SQS
 * client otherwise dials the host inside a queue URL (`sqs.<region>.localhost`), which does not resolve.
 */
export function endpointConfig(service: AwsService): { endpoint?: string } {
  const variable = `AWS_ENDPOINT_URL_${service.toUpperCase().replaceAll("-", "_")}`;
  const endpoint = process.env[variable] ?? process.env.AWS_ENDPOINT_URL;
  return endpoint ? { endpoint } : {};
}

export function createS3Client(): S3Client {
  const config = endpointConfig("s3");
  // Emulators serve buckets by path; virtual-host names such as bucket.127.0.0.1 cannot resolve.
  return new S3Client({ ...config, forcePathStyle: config.endpoint !== undefined });
}

export function createSnsClient(): SNSClient {
  return new SNSClient(endpointConfig("sns"));
}

export function createSqsClient(): SQSClient {
  return new SQSClient(endpointConfig("sqs"));
}

/** Item-level access to a service's own table, with plain JavaScript values in and out. */
export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(endpointConfig("dynamodb")), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function createBedrockClient(): BedrockClient {
  return new BedrockClient(endpointConfig("bedrock"));
}

export function createBedrockRuntimeClient(): BedrockRuntimeClient {
  const config = endpointConfig("bedrock-runtime");
  // The runtime client speaks HTTP/2 by default; the local Bedrock speaks HTTP/1.1.
  return new BedrockRuntimeClient(
    config.endpoint ? { ...config, requestHandler: new NodeHttpHandler() } : {},
  );
}

export function createServiceQuotasClient(): ServiceQuotasClient {
  return new ServiceQuotasClient(endpointConfig("service-quotas"));
}
