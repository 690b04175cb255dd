import { PublishBatchCommand, type SNSClient } from "@aws-sdk/client-sns";

/** SNS PublishBatch takes ten entries at most. */
export const SNS_BATCH = 10;

export class PublishRefusedError extends Error {
  override readonly name = "PublishRefusedError";
}

/**
 * Publishes messages as they are, ten to a PublishBatch. An entry SNS refuses throws (a partial batch
 * would otherwise pass unnoticed): what a producer sending pre-built events does.
 */
export async function publishInBatches(
  sns: SNSClient,
  topicArn: string,
  messages: readonly string[],
): Promise<void> {
  for (let i = 0; i < messages.length; i += SNS_BATCH) {
    const result = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: messages
          .slice(i, i + SNS_BATCH)
          .map((Message, j) => ({ Id: String(j), Message })),
      }),
    );
    if (result.Failed?.length)
      throw new PublishRefusedError(
        `SNS refused ${result.Failed.length} messages: ${result.Failed[0]?.Message}`,
      );
  }
}
