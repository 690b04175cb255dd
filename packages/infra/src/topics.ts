import type { TopicName } from "@recap/shared/envelope";
import { topics as topology } from "@recap/shared/topology";

export const topicNames = Object.keys(topology) as TopicName[];

/**
 * One SNS topic per topology topic. The component is `<Name>Topic` because `<Name>` itself is the
 * property-only link in links.ts (SST keys links by component name).
 */
export const topics = Object.fromEntries(
  topicNames.map((name) => [name, new sst.aws.SnsTopic(`${name}Topic`)]),
) as Record<TopicName, sst.aws.SnsTopic>;
