import { envelopeSchema, transcriptSubmitted } from "@recap/shared";
import { expect, test } from "vitest";
import { generateCalls } from "./generate-calls.ts";
import { toSubmittedEvent } from "./submitted-event.ts";

const calls = generateCalls({ count: 200, seed: "events", broken: 30 });

test("every call's event is a valid transcript.submitted, except the invalid-event ones", () => {
  for (const call of calls) {
    const event = toSubmittedEvent(call);
    const valid = transcriptSubmitted.schema.safeParse(event).success;
    expect(valid).toBe(call.truth.expectedRejection !== "invalid-event");
    expect(envelopeSchema.safeParse(event).success).toBe(true);
  }
});

test("the event carries the call: its id, content, metadata, and format and chat channel when declared", () => {
  for (const call of calls.filter((c) => !c.eventDefect)) {
    const { data, correlationId, time } = transcriptSubmitted.schema.parse(toSubmittedEvent(call));
    expect(data).toMatchObject({
      transcriptId: call.transcriptId,
      content: call.content,
      metadata: call.metadata,
    });
    expect(data.format).toBe(call.declaresFormat ? call.format : "auto");
    expect(data.channel).toBe(call.channel === "chat" ? "chat" : undefined);
    expect(correlationId).toBe(call.transcriptId);
    expect(time).toBe(call.endedAt);
  }
  expect(new Set(calls.map((c) => c.declaresFormat))).toEqual(new Set([true, false]));
});

test("publishing twice sends identical messages; other content, another id", () => {
  const again = generateCalls({ count: 200, seed: "events", broken: 30 });
  expect(again.map((c) => JSON.stringify(toSubmittedEvent(c)))).toEqual(
    calls.map((c) => JSON.stringify(toSubmittedEvent(c))),
  );
  const ids = calls.map((call) => toSubmittedEvent(call).id);
  expect(new Set(ids).size).toBe(ids.length);
  const [first] = calls;
  if (!first) throw new Error("no calls");
  expect(toSubmittedEvent({ ...first, content: `${first.content} ` }).id).not.toBe(
    toSubmittedEvent(first).id,
  );
});

test("every event fits one SNS message (256 KiB)", () => {
  const largest = Math.max(...calls.map((call) => Buffer.byteLength(JSON.stringify(toSubmittedEvent(call)))));
  expect(largest).toBeLessThan(256 * 1024);
});
