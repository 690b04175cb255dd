import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { LocalPlan } from "./plan.ts";
import type { ProvisionedResources } from "./provision.ts";

const ACCOUNT = "000000000000";

/**
 * The services' ticks, as EventBridge schedules send them on AWS: a "Scheduled Event" into the service's
 * own queue every `tickEverySeconds`, so the handler sees ticks in the same stream, with the same retries.
 * Returns a function that stops them all.
 */
export function startTicks(
  plan: LocalPlan,
  resources: ProvisionedResources,
  sqs: SQSClient,
  region: string,
): () => void {
  const timers = plan.queues.flatMap((queue) => {
    const target = resources.queues[queue.name];
    if (!queue.tickEverySeconds || !target) return [];
    const rule = `arn:aws:events:${region}:${ACCOUNT}:rule/${queue.service}-tick`;
    const timer = setInterval(() => {
      const tick = {
        version: "0",
        id: crypto.randomUUID(),
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: ACCOUNT,
        time: new Date().toISOString(),
        region,
        resources: [rule],
        detail: {},
      };
      // A lost tick is harmless: the next one comes a period later, as with a missed EventBridge rule.
      void sqs
        .send(new SendMessageCommand({ QueueUrl: target.url, MessageBody: JSON.stringify(tick) }))
        .catch(() => {});
    }, queue.tickEverySeconds * 1000);
    timer.unref();
    return [timer];
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
