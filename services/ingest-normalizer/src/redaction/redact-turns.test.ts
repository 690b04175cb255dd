import type { Turn } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { redactTurns } from "./redact-turns.ts";

describe("redactTurns", () => {
  const turns: Turn[] = [
    { role: "agent", speaker: "Agent", text: "Can I have your email and number?", startMs: 0, endMs: 900 },
    {
      role: "customer",
      speaker: "Customer",
      text: "jane@example.com and 555-123-4567",
      notes: ["reads from card"],
    },
    {
      role: "customer",
      speaker: "Customer",
      text: "Card is 4111 1111 1111 1111.",
      notes: ["types 555-987-6543"],
    },
  ];

  test("redacts each turn's text and notes and sums the counts over all turns", () => {
    const { turns: redacted, counts } = redactTurns(turns);
    expect(redacted).toEqual([
      turns[0],
      { role: "customer", speaker: "Customer", text: "[EMAIL] and [PHONE]", notes: ["reads from card"] },
      { role: "customer", speaker: "Customer", text: "Card is [CARD].", notes: ["types [PHONE]"] },
    ]);
    expect(counts).toEqual({ email: 1, phone: 2, card: 1 });
  });

  test("leaves the input turns as they were and adds no notes where there were none", () => {
    const before = structuredClone(turns);
    const { turns: redacted } = redactTurns(turns);
    expect(turns).toEqual(before);
    expect(redacted[0]).not.toHaveProperty("notes");
  });

  test("no turns, no counts", () => {
    expect(redactTurns([])).toEqual({ turns: [], counts: {} });
  });
});
