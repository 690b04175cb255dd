import { createStageNotBuiltHandler, decodeEvent, services } from "@recap/shared";

export const handler = createStageNotBuiltHandler(
  "shard-builder",
  (record) => decodeEvent(record, services["shard-builder"].consumes),
  (event) => event.type,
);
