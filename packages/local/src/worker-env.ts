import { queueName, type ServiceName, type ServiceSpec, services } from "@recap/shared";
import { configEnvironment } from "./config-overrides.ts";
import { EVENT_SOURCE_ENV, type EventSource } from "./event-source.ts";
import type { LocalPlan } from "./plan.ts";
import type { ProvisionedResources } from "./provision.ts";
import { resourceEnvironment } from "./resource-env.ts";

export interface WorkerContext {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stage: string;
  /** SQS and SNS. */
  endpoint: string;
  /** S3: the emulator's, or a flaky proxy in front of it. */
  s3Endpoint: string;
  dynamodbEndpoint: string;
  /** Bedrock's batch control plane and its runtime, on one server. */
  bedrockEndpoint: string;
  /** Service Quotas: the local one, or the endpoint `--service-quotas-endpoint` named. */
  serviceQuotasEndpoint: string;
  plan: LocalPlan;
  resources: ProvisionedResources;
  /** Deep-partial overrides of the configuration; absent for the file's own local settings. */
  config: unknown;
  /** NODE_OPTIONS of whoever started the stack (`recap dev`): every worker gets them, as every Lambda would. */
  nodeOptions?: string;
}

/**
 * A worker's whole environment: what its Lambda would get (region, its links) plus an endpoint for each AWS
 * service it is allowed to call, and no other; a service reaching for another one fails locally as well.
 */
export function workerEnvironment(service: ServiceName, context: WorkerContext): Record<string, string> {
  const spec: ServiceSpec = services[service];
  // The user's flags first (`--import` of their instrumentation), then the service's own memory settings:
  // both apply, and where they name the same flag the service's, read last, wins.
  const nodeOptions = [context.nodeOptions?.trim(), spec.runtimeEnvironment?.NODE_OPTIONS]
    .filter(Boolean)
    .join(" ");
  return {
    PATH: process.env.PATH ?? "",
    AWS_REGION: context.region,
    AWS_ACCESS_KEY_ID: context.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: context.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_SQS: context.endpoint,
    AWS_ENDPOINT_URL_SNS: context.endpoint,
    AWS_ENDPOINT_URL_S3: context.s3Endpoint,
    ...(spec.table ? { AWS_ENDPOINT_URL_DYNAMODB: context.dynamodbEndpoint } : {}),
    ...(spec.bedrock.length > 0
      ? {
          AWS_ENDPOINT_URL_BEDROCK: context.bedrockEndpoint,
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: context.bedrockEndpoint,
        }
      : {}),
    ...(spec.readsQuotas ? { AWS_ENDPOINT_URL_SERVICE_QUOTAS: context.serviceQuotasEndpoint } : {}),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "INFO",
    // The runtime settings its Lambda gets (Node's flags, malloc's arenas), so local memory is Lambda's.
    ...spec.runtimeEnvironment,
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    [EVENT_SOURCE_ENV]: JSON.stringify(eventSource(service, context)),
    ...configEnvironment(context.config),
    ...resourceEnvironment(service, context.resources, context.stage),
  };
}

function eventSource(service: ServiceName, context: WorkerContext): EventSource {
  const queue = context.resources.queues[queueName(service)];
  const plan = context.plan.queues.find((q) => q.service === service);
  if (!queue || !plan) throw new Error(`no queue provisioned for ${service}`);
  return {
    queueUrl: queue.url,
    queueArn: queue.arn,
    batchSize: plan.batchSize,
    batchWindowSeconds: plan.batchWindowSeconds,
    timeoutSeconds: plan.timeoutSeconds,
  };
}
