import { createStageNotBuiltHandler } from "@recap/shared";
import { decodeWatcherInput } from "./decode.ts";

export const handler = createStageNotBuiltHandler(
  "status-watcher",
  decodeWatcherInput,
  (input) => input.kind,
);
