import type { SQSRecord } from "aws-lambda";
import { z } from "zod";
import { catalogue, type EventType, isEventType, type RecapEvent } from "./catalogue.ts";
import { envelopeSchema } from "./envelope.ts";
import { PoisonMessageError } from "./errors.ts";
import { scheduledPollSchema } from "./events/eventbridge.ts";

const snsNotificationSchema = z.object({ Type: z.literal("Notification"), Message: z.string() });

/**
 * The JSON payload of an SQS record. Subscriptions use raw delivery, so the body is the event itself; a
 * body still wrapped in an SNS notification (raw delivery switched off) is unwrapped all the same.
 */
export function payloadOf(record: Pick<SQSRecord, "body">): unknown {
  const parsed = parseJson(record.body, "SQS body");
  const notification = snsNotificationSchema.safeParse(parsed);
  return notification.success ? parseJson(notification.data.Message, "SNS message") : parsed;
}

/**
 * Decodes a record into one of the event types a service accepts. Anything else is poison: it throws
 * {@link PoisonMessageError}, never a retryable error, because no retry can make it valid.
 */
export function decodeEvent<T extends EventType>(
  record: Pick<SQSRecord, "body">,
  accepts: readonly T[],
): RecapEvent<T> {
  const envelope = envelopeSchema.safeParse(payloadOf(record));
  if (!envelope.success) {
    throw new PoisonMessageError(`not a Recap event: ${z.prettifyError(envelope.error)}`, "not-an-event");
  }
  const { type } = envelope.data;
  if (!isEventType(type) || !(accepts as readonly string[]).includes(type)) {
    throw new PoisonMessageError(
      `unexpected event type "${type}"; accepts ${accepts.join(", ")}`,
      "unexpected-type",
    );
  }
  const event = catalogue[type].schema.safeParse(envelope.data);
  if (!event.success) {
    throw new PoisonMessageError(
      `${type} fails its schema: ${z.prettifyError(event.error)}`,
      "invalid-event",
    );
  }
  return event.data as RecapEvent<T>;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PoisonMessageError(`${what} is not JSON`, "not-json");
  }
}

/** The schedule waking a service. A `repeat` is a tick SQS has delivered before (see {@link decodeTick}). */
export type Tick = { kind: "tick"; time: string; repeat: boolean };

/** What a service with a tick receives: one of its events, or the schedule waking it. */
export type ServiceInput<T extends EventType> = { kind: "event"; event: RecapEvent<T> } | Tick;

/** The part of an SQS record a decoder reads; tests and replays may leave the attributes out. */
export type DecodableRecord = Pick<SQSRecord, "body"> & {
  attributes?: Partial<Pick<SQSRecord["attributes"], "ApproximateReceiveCount">>;
};

/**
 * An EventBridge "Scheduled Event" payload (`source: "aws.events"`) as the service's tick. It is a `repeat`
 * when SQS has delivered it before, because the invocation that had it failed or timed out. A repeated tick
 * carries no work a newer tick does not (the schedule has sent one since), so a service acknowledges it
 * without a sweep: retrying a sweep that just failed only adds load, and after maxReceiveCount failures SQS
 * would park a harmless tick in the dead-letter queue.
 */
export function decodeTick(payload: unknown, record: DecodableRecord): Tick {
  const tick = scheduledPollSchema.safeParse(payload);
  if (!tick.success) throw new PoisonMessageError("malformed scheduled event", "invalid-event");
  const repeat = Number(record.attributes?.ApproximateReceiveCount ?? "1") > 1;
  return { kind: "tick", time: tick.data.time, repeat };
}

/** Decodes a Recap event, or an EventBridge "Scheduled Event" (the service's tick). */
export function decodeEventOrTick<T extends EventType>(
  record: DecodableRecord,
  accepts: readonly T[],
): ServiceInput<T> {
  const payload = payloadOf(record) as { source?: unknown } | null;
  if (payload?.source === "aws.events") return decodeTick(payload, record);
  return { kind: "event", event: decodeEvent(record, accepts) };
}
