import { describe, expect, test } from "vitest";
import { detect, parse } from "./plain-text.ts";

describe("plain-text format", () => {
  test("takes any text that does not open like JSON or markup", () => {
    expect(detect("Agent: Hi")).toBe(true);
    expect(detect("no speakers at all")).toBe(true);
    expect(detect('  {"speaker": "Agent"}')).toBe(false);
    expect(detect("[00:01] Agent: Hi")).toBe(false);
    expect(detect("<html>")).toBe(false);
  });

  test("reads turns with the existing plain-text parser, stage directions kept apart", () => {
    expect(parse("Agent: *typing* Done.\nCustomer: Thanks!")).toEqual({
      format: "plain-text",
      turns: [
        { role: "agent", speaker: "Agent", text: "Done.", notes: ["typing"] },
        { role: "customer", speaker: "Customer", text: "Thanks!" },
      ],
    });
  });
});
