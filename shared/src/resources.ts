import { Resource } from "sst";
import type { TopicName } from "./envelope.ts";
import {
  BATCH_ROLE,
  deadLetterName,
  type ServiceName,
  type ServiceSpec,
  STORE,
  services,
} from "./topology.ts";

/**
 * Resource names reach code only through SST links (`Resource.X`): on Lambda SST injects them, locally
 * the stack sets the same `SST_RESOURCE_<Name>` variables. Read them when used, not at import, so pure
 * code stays importable without either.
 */
type Linked = Record<string, { name?: string; arn?: string; url?: string } | undefined>;
const linked = (): Linked => Resource as unknown as Linked;

function property(name: string, key: "name" | "arn" | "url"): string {
  const value = linked()[name]?.[key];
  if (!value)
    throw new Error(`Resource ${name}.${key} is not linked to this function (see shared/src/topology.ts)`);
  return value;
}

export const storeBucket = (): string => property(STORE, "name");
export const topicArn = (topic: TopicName): string => property(topic, "arn");
export const deadLetterUrl = (service: ServiceName): string => property(deadLetterName(service), "url");
export const batchRoleArn = (): string => property(BATCH_ROLE, "arn");
/** The SST stage: it names this stage's Bedrock jobs (`recap-<stage>-…`). */
export const stageName = (): string => (Resource as unknown as { App: { stage: string } }).App.stage;

/** The service's own DynamoDB table; no other service is linked to it. */
export function tableName(service: ServiceName): string {
  const spec: ServiceSpec = services[service];
  if (!spec.table) throw new Error(`${service} has no table in the topology`);
  return property(spec.table.name, "name");
}
