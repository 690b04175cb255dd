import { createStageNotBuiltHandler, decodeEvent, services } from "@recap/shared";

export const handler = createStageNotBuiltHandler(
  "job-submitter",
  (record) => decodeEvent(record, services["job-submitter"].consumes),
  (event) => event.type,
);
