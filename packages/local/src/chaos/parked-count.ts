import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Endpoints } from "../endpoints.ts";

/** Messages in every stage's dead-letter queue: kept, not lost, but not ended either. */
export async function parkedMessages(sqs: SQSClient, endpoints: Endpoints): Promise<number> {
  let parked = 0;
  for (const [name, QueueUrl] of Object.entries(endpoints.queues)) {
    if (!name.endsWith("DeadLetters")) continue;
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    parked +=
      Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
  }
  return parked;
}
