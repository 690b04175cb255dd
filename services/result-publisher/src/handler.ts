import { createStageNotBuiltHandler, decodeEvent, services } from "@recap/shared";

export const handler = createStageNotBuiltHandler(
  "result-publisher",
  (record) => decodeEvent(record, services["result-publisher"].consumes),
  (event) => event.type,
);
