import { PublishBatchCommand, type SNSClient } from "@aws-sdk/client-sns";
import { packSnsBatches } from "@recap/shared";

export class PublishRefusedError extends Error {
  override readonly name = "PublishRefusedError";
}

/**
 * Publishes messages as they are, in PublishBatch requests packed under SNS's limits (ten entries, 262,144
 * bytes together). A message SNS cannot take on its own throws `UnpublishableMessageError` before any is
 * sent; an entry SNS refuses throws (a partial batch would otherwise pass unnoticed): what a producer
 * sending pre-built events does.
 */
export async function publishInBatches(
  sns: SNSClient,
  topicArn: string,
  messages: readonly string[],
): Promise<void> {
  for (const batch of packSnsBatches(messages.map((Message) => ({ Message })))) {
    const result = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: batch.map((entry, j) => ({ Id: String(j), ...entry })),
      }),
    );
    if (result.Failed?.length)
      throw new PublishRefusedError(
        `SNS refused ${result.Failed.length} messages: ${result.Failed[0]?.Message}`,
      );
  }
}
