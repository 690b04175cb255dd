import {
  createLogger,
  createSqsClient,
  createSqsHandler,
  deadLetterUrl,
  parkInDeadLetters,
  StageNotBuiltError,
} from "@recap/shared";
import { decodeWatcherInput } from "./decode.ts";

const logger = createLogger("status-watcher");

/**
 * Wired and decoding, but this stage's logic is not built yet: every valid message fails on purpose, so it
 * stays queued and, after the queue's retries, waits in the dead-letter queue for redrive. Nothing is lost.
 */
export const handler = createSqsHandler({
  logger,
  decode: decodeWatcherInput,
  handle: async (input) => {
    throw new StageNotBuiltError(`status-watcher cannot handle ${input.kind} yet; the message stays queued`);
  },
  onPoison: parkInDeadLetters(createSqsClient(), () => deadLetterUrl("status-watcher")),
});
