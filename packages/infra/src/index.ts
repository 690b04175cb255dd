/**
 * Recap on AWS, generated from shared/src/topology.ts. Importing this module creates every resource;
 * sst.config.ts imports it inside run(). Order matters only where one module uses another's resources,
 * and each module imports what it uses.
 */
import { deadLetterName, queueName, serviceNames } from "@recap/shared/topology";
import { batchRole } from "./batch-role.ts";
import { eventSources } from "./eventbridge.ts";
import { linkables } from "./links.ts";
import { deadLetters, queues } from "./queues.ts";
import { subscribers } from "./services.ts";
import { bucket } from "./storage.ts";
import { tables } from "./tables.ts";
import { topics } from "./topics.ts";

export { batchRole, bucket, deadLetters, eventSources, linkables, queues, subscribers, tables, topics };

/**
 * What `sst deploy` prints and writes to `.sst/outputs.json`: enough for a producer to publish and upload,
 * and for `recap --stage` to look (the stage, every queue and dead-letter queue, and each service's table by
 * its link name, e.g. to count shards waiting for a slot).
 */
export function outputs() {
  return {
    stage: $app.stage,
    bucket: bucket.name,
    batchRole: batchRole.arn,
    ...Object.fromEntries(Object.entries(topics).map(([name, topic]) => [`${name}TopicArn`, topic.arn])),
    ...Object.fromEntries(serviceNames.map((service) => [queueName(service), queues[service].url])),
    ...Object.fromEntries(serviceNames.map((service) => [deadLetterName(service), deadLetters[service].url])),
    ...Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, table.name])),
  };
}
