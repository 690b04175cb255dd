import type { Envelope } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { OutcomeLedger } from "./outcome-ledger.ts";

const event = (id: string, type: string, transcriptId: string): Envelope =>
  ({
    id,
    type,
    version: 1,
    time: "",
    producer: "t",
    correlationId: transcriptId,
    data: { transcriptId },
  }) as never;

describe("the outcome ledger", () => {
  test("a redelivered copy of one event is a copy, not a second outcome", () => {
    const ledger = new OutcomeLedger();
    for (const e of [event("a", "summary.ready", "c1"), event("a", "summary.ready", "c1")]) ledger.add(e);
    expect(ledger.figures()).toMatchObject({ ended: 1, twoOutcomes: 0, sameIdCopies: 1 });
  });

  test("two events of different ids for one call are two outcomes, whatever their types", () => {
    const ledger = new OutcomeLedger();
    ledger.add(event("a", "summary.ready", "c1"));
    ledger.add(event("b", "summary.failed", "c1"));
    ledger.add(event("c", "transcript.rejected", "c2"));
    expect(ledger.figures()).toMatchObject({
      ended: 2,
      twoOutcomes: 1,
      sameIdCopies: 0,
      byType: { "summary.ready": 1, "summary.failed": 1, "transcript.rejected": 1 },
    });
    expect([ledger.hasEnded("c2"), ledger.hasEnded("c3")]).toEqual([true, false]);
  });

  test("events that end nothing are not counted", () => {
    const ledger = new OutcomeLedger();
    ledger.add(event("a", "transcript.normalized", "c1"));
    expect(ledger.figures().ended).toBe(0);
  });

  test("a rejection that names no call is counted for the call it is said to be", () => {
    const ledger = new OutcomeLedger();
    const unnamed = { ...event("r", "transcript.rejected", "x"), correlationId: "unidentified-1", data: {} };
    expect(ledger.callOf(unnamed as never)).toBe("unidentified-1");
    ledger.add(unnamed as never, "c7");
    expect([ledger.hasEnded("c7"), ledger.hasEnded("unidentified-1")]).toEqual([true, false]);
  });
});
