import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { type ServiceName, serviceNames } from "@recap/shared/topology";
import type { Target } from "../target/target.ts";

export interface QueueDepth {
  /** Messages waiting to be received. */
  waiting: number;
  /** Received and not yet deleted: being handled now, or by a worker that died (they come back). */
  inFlight: number;
  /** Parked after too many failed receives: `recap dlq` shows and redrives them. */
  deadLetters: number;
}

/** Each service's queue and dead-letter queue, by SQS's approximate counts (exact enough to act on). */
export async function queueDepths(sqs: SQSClient, target: Target): Promise<Record<ServiceName, QueueDepth>> {
  const depths = await Promise.all(
    serviceNames.map(async (service) => {
      const [main, parked] = await Promise.all([
        counts(sqs, target.queues[service].queue),
        counts(sqs, target.queues[service].deadLetters),
      ]);
      return [
        service,
        { waiting: main.visible, inFlight: main.notVisible, deadLetters: parked.visible + parked.notVisible },
      ] as const;
    }),
  );
  return Object.fromEntries(depths) as Record<ServiceName, QueueDepth>;
}

async function counts(sqs: SQSClient, queueUrl: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    notVisible: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}
