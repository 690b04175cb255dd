import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";

/**
 * Client settings for one AWS service. On Lambda there is nothing to set. Locally the stack exports the
 * standard `AWS_ENDPOINT_URL_<SERVICE>` variables, and they are passed as an explicit `endpoint`: the SQS
 * client otherwise dials the host inside a queue URL (`sqs.<region>.localhost`), which does not resolve.
 */
export function endpointConfig(service: "sqs" | "sns" | "s3" | "bedrock"): { endpoint?: string } {
  const endpoint = process.env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ?? process.env.AWS_ENDPOINT_URL;
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
