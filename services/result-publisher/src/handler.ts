import {
  createLogger,
  createSqsClient,
  createSqsHandler,
  deadLetterUrl,
  decodeEvent,
  parkInDeadLetters,
  StageNotBuiltError,
  services,
} from "@recap/shared";

const logger = createLogger("result-publisher");

/**
 * Wired and decoding, but this stage's logic is not built yet: every valid message fails on purpose, so it
 * stays queued and, after the queue's retries, waits in the dead-letter queue for redrive. Nothing is lost.
 */
export const handler = createSqsHandler({
  logger,
  decode: (record) => decodeEvent(record, services["result-publisher"].consumes),
  handle: async (event) => {
    throw new StageNotBuiltError(
      `result-publisher cannot handle ${event.type} yet; the message stays queued`,
    );
  },
  onPoison: parkInDeadLetters(createSqsClient(), () => deadLetterUrl("result-publisher")),
});
