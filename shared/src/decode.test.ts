import { describe, expect, test } from "vitest";
import { decodeEvent, decodeEventOrTick, payloadOf } from "./decode.ts";
import { createEvent } from "./envelope.ts";
import { PoisonMessageError } from "./errors.ts";
import { jobSubmitted } from "./events/job.ts";

const event = createEvent(jobSubmitted, {
  producer: "job-submitter",
  correlationId: "shard-7",
  data: {
    shardId: "shard-7",
    kind: "batch",
    profile: "nova-lite",
    recordMapUri: "s3://recap-store/shards/shard-7/record-map.jsonl",
    jobArn: "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdef123456",
    jobName: "recap-shard-7",
    modelId: "amazon.nova-lite-v1:0",
    inputUri: "s3://recap-store/shards/shard-7/input.jsonl",
    outputUri: "s3://recap-store/outputs/",
    records: 150,
    submittedAt: "2026-11-22T10:00:00.000Z",
  },
});

function poisonReason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PoisonMessageError) return error.reason;
    throw error;
  }
  throw new Error("expected a PoisonMessageError");
}

describe("decodeEvent", () => {
  test("decodes a raw-delivered event into its typed form", () => {
    const decoded = decodeEvent({ body: JSON.stringify(event) }, ["job.submitted"]);
    expect(decoded).toEqual(event);
    expect(decoded.data.records).toBe(150);
  });

  test("unwraps an SNS notification when raw delivery is off", () => {
    const wrapped = { Type: "Notification", MessageId: "m-1", Message: JSON.stringify(event) };
    expect(decodeEvent({ body: JSON.stringify(wrapped) }, ["job.submitted"])).toEqual(event);
  });

  test.each([
    ["a body that is not JSON", "{oops", "not-json"],
    ["a JSON body that is no envelope", JSON.stringify({ hello: "world" }), "not-an-event"],
    [
      "an event of a type the service does not take",
      JSON.stringify({ ...event, type: "job.finished" }),
      "unexpected-type",
    ],
    ["an unknown event type", JSON.stringify({ ...event, type: "job.exploded" }), "unexpected-type"],
    [
      "an event whose data fails its schema",
      JSON.stringify({ ...event, data: { ...event.data, records: -1 } }),
      "invalid-event",
    ],
    [
      "an SNS notification wrapping garbage",
      JSON.stringify({ Type: "Notification", Message: "<xml/>" }),
      "not-json",
    ],
  ])("%s is poison (%s)", (_what, body, reason) => {
    expect(poisonReason(() => decodeEvent({ body }, ["job.submitted"]))).toBe(reason);
  });
});

describe("payloadOf", () => {
  test("returns EventBridge events as they are", () => {
    const change = { source: "aws.bedrock", "detail-type": "Batch Inference Job State Change", detail: {} };
    expect(payloadOf({ body: JSON.stringify(change) })).toEqual(change);
  });
});

describe("decodeEventOrTick", () => {
  const tick = JSON.stringify({
    source: "aws.events",
    "detail-type": "Scheduled Event",
    id: "tick-1",
    time: "2026-12-02T10:00:00Z",
  });

  test.each([
    ["a first delivery", { ApproximateReceiveCount: "1" }, false],
    ["a record without attributes", undefined, false],
    ["a second delivery", { ApproximateReceiveCount: "2" }, true],
    ["a fifth delivery", { ApproximateReceiveCount: "5" }, true],
  ])("a tick in %s has repeat %s", (_what, attributes, repeat) => {
    expect(decodeEventOrTick({ body: tick, ...(attributes ? { attributes } : {}) }, [])).toEqual({
      kind: "tick",
      time: "2026-12-02T10:00:00Z",
      repeat,
    });
  });

  test("a redelivered event is still decoded as the event", () => {
    const decoded = decodeEventOrTick(
      { body: JSON.stringify(event), attributes: { ApproximateReceiveCount: "3" } },
      ["job.submitted"],
    );
    expect(decoded).toEqual({ kind: "event", event });
  });
});
