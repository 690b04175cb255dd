import type { SQSRecord } from "aws-lambda";
import { createSqsClient } from "./aws.ts";
import { StageNotBuiltError } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { deadLetterUrl } from "./resources.ts";
import { createSqsHandler, parkInDeadLetters, type SqsBatchHandler } from "./sqs-handler.ts";
import type { ServiceName } from "./topology.ts";

/**
 * The handler of a stage whose logic is not built yet: it decodes for real and parks poison, but every valid
 * message fails on purpose, so it stays queued and, after the queue's retries, waits in the dead-letter queue
 * for redrive. Nothing is lost, and nothing pretends to work.
 */
export function createStageNotBuiltHandler<T>(
  service: ServiceName,
  decode: (record: SQSRecord) => T,
  describe: (item: T) => string,
): SqsBatchHandler {
  return createSqsHandler({
    logger: createLogger(service),
    decode,
    handle: async (item) => {
      throw new StageNotBuiltError(
        `${service} cannot handle ${describe(item)} yet; the message stays queued`,
      );
    },
    onPoison: parkInDeadLetters(createSqsClient(), () => deadLetterUrl(service)),
  });
}
