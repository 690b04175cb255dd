import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Tap } from "./tap.ts";

/**
 * Waits until a queue holds nothing, visible or in flight, three polls in a row: every delivery has been
 * handled. Drains the tap meanwhile, so what the handling emitted is in `tap.events` afterwards.
 */
export async function untilDrained(sqs: SQSClient, queueUrl: string | undefined, tap: Tap): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    const busy =
      Number(Attributes.ApproximateNumberOfMessages) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible);
    quiet = busy === 0 ? quiet + 1 : 0;
    await tap.drain();
  }
}
