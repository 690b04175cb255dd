import {
  type BedrockJobStateChange,
  bedrockJobStateChangeSchema,
  decodeEvent,
  decodeTick,
  PoisonMessageError,
  payloadOf,
  type RecapEvent,
  type Tick,
} from "@recap/shared";
import type { SQSRecord } from "aws-lambda";

export type WatcherInput =
  | { kind: "job-submitted"; event: RecapEvent<"job.submitted"> }
  | { kind: "state-change"; event: BedrockJobStateChange }
  | Tick;

/** status-watcher hears from Recap (job.submitted) and from EventBridge (state changes, the schedule). */
export function decodeWatcherInput(record: SQSRecord): WatcherInput {
  const payload = payloadOf(record) as { source?: unknown };
  if (payload?.source === "aws.bedrock") {
    const change = bedrockJobStateChangeSchema.safeParse(payload);
    if (!change.success) throw new PoisonMessageError("malformed Bedrock job state change", "invalid-event");
    return { kind: "state-change", event: change.data };
  }
  if (payload?.source === "aws.events") return decodeTick(payload, record);
  return { kind: "job-submitted", event: decodeEvent(record, ["job.submitted"]) };
}
