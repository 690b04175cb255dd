import { BATCH_ROLE, linksOf, type ServiceName, STORE, type TopicName, topics } from "@recap/shared";
import type { ProvisionedResources } from "./provision.ts";

/** The stand-in batch role ARN: Bedrock's emulator accepts it; no IAM exists locally. */
export const LOCAL_BATCH_ROLE_ARN = "arn:aws:iam::000000000000:role/recap-local-batch";

/**
 * The `SST_RESOURCE_*` variables SST would inject into this service's Lambda: its links and nothing else,
 * so a service that reaches for a resource it was not given fails locally as it would on AWS.
 */
export function resourceEnvironment(
  service: ServiceName,
  resources: ProvisionedResources,
  stage: string,
): Record<string, string> {
  const env: Record<string, string> = {
    SST_RESOURCE_App: JSON.stringify({ name: "recap", stage }),
  };
  for (const link of linksOf(service)) {
    env[`SST_RESOURCE_${link}`] = JSON.stringify(linkProperties(link, resources));
  }
  return env;
}

function linkProperties(link: string, resources: ProvisionedResources): Record<string, string> {
  if (link === STORE) return { name: resources.bucket };
  if (link === BATCH_ROLE) return { arn: LOCAL_BATCH_ROLE_ARN };
  if (Object.hasOwn(topics, link)) return { arn: resources.topics[link as TopicName] };
  const queue = resources.queues[link];
  if (queue) return { url: queue.url };
  const table = resources.tables[link];
  if (table) return { name: table };
  throw new Error(`no local resource for link ${link}`);
}
