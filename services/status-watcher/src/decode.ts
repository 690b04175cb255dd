import {
  type BedrockJobStateChange,
  bedrockJobStateChangeSchema,
  decodeEvent,
  isRepeatedDelivery,
  PoisonMessageError,
  payloadOf,
  type RecapEvent,
  type ScheduledPoll,
  scheduledPollSchema,
} from "@recap/shared";
import type { SQSRecord } from "aws-lambda";

export type WatcherInput =
  | { kind: "job-submitted"; event: RecapEvent<"job.submitted"> }
  | { kind: "state-change"; event: BedrockJobStateChange }
  | { kind: "poll"; event: ScheduledPoll; repeat: boolean };

/** status-watcher hears from Recap (job.submitted) and from EventBridge (state changes, the schedule). */
export function decodeWatcherInput(record: SQSRecord): WatcherInput {
  const payload = payloadOf(record) as { source?: unknown };
  if (payload?.source === "aws.bedrock") {
    const change = bedrockJobStateChangeSchema.safeParse(payload);
    if (!change.success) throw new PoisonMessageError("malformed Bedrock job state change", "invalid-event");
    return { kind: "state-change", event: change.data };
  }
  if (payload?.source === "aws.events") {
    const poll = scheduledPollSchema.safeParse(payload);
    if (!poll.success) throw new PoisonMessageError("malformed scheduled event", "invalid-event");
    return { kind: "poll", event: poll.data, repeat: isRepeatedDelivery(record) };
  }
  return { kind: "job-submitted", event: decodeEvent(record, ["job.submitted"]) };
}
