import { describe, expect, test } from "vitest";
import { parsePlainText, roleOf, splitStageDirections } from "./plain-text.ts";

describe("parsePlainText", () => {
  test("reads Speaker: lines into turns with roles, joining continuation lines", () => {
    const turns = parsePlainText(
      "Agent: Thanks for calling.\r\nHow can I help?\n\nCustomer: My card was charged twice.\nAgent: Let me check.",
    );
    expect(turns).toEqual([
      { role: "agent", speaker: "Agent", text: "Thanks for calling. How can I help?" },
      { role: "customer", speaker: "Customer", text: "My card was charged twice." },
      { role: "agent", speaker: "Agent", text: "Let me check." },
    ]);
  });

  test("keeps stage directions apart from speech and drops turns that are only directions", () => {
    const turns = parsePlainText("Customer: *dials the number*\nAgent: *typing* One moment *pauses* please.");
    expect(turns).toEqual([
      { role: "agent", speaker: "Agent", text: "One moment please.", notes: ["typing", "pauses"] },
    ]);
  });

  test("a one-off label inside a turn stays in that turn; a recurring name opens turns", () => {
    const turns = parsePlainText(
      [
        "Agent: Here is your order.",
        "Order number: 55-1234",
        "Jane: Thanks!",
        "Agent: Anything else?",
        "Jane: No.",
      ].join("\n"),
    );
    expect(turns.map((t) => [t.speaker, t.role])).toEqual([
      ["Agent", "agent"],
      ["Jane", "other"],
      ["Agent", "agent"],
      ["Jane", "other"],
    ]);
    expect(turns[0]?.text).toBe("Here is your order. Order number: 55-1234");
  });

  test("a label holding an anonymisation placeholder is a speaker, even once", () => {
    const turns = parsePlainText(
      "Agent: Let me get my manager.\nSupervisor {NAME}: Hello, I can help.\nCu{NAME}: Thanks.",
    );
    expect(turns.map((t) => [t.speaker, t.role])).toEqual([
      ["Agent", "agent"],
      ["Supervisor {NAME}", "agent"],
      ["Cu{NAME}", "other"],
    ]);
  });

  test("text before the first speaker and text with no speakers produce no turns", () => {
    expect(parsePlainText("Call recorded 2024-01-01\nno speakers here")).toEqual([]);
  });
});

describe("roleOf", () => {
  test.each([
    ["Agent", "agent"],
    ["Promotions Agent", "agent"],
    ["Supervisor", "agent"],
    ["Manager", "agent"],
    ["Customer", "customer"],
    ["Caller", "customer"],
    ["IVR", "system"],
    ["Neighbor", "other"],
  ])("%s is %s", (speaker, role) => {
    expect(roleOf(speaker)).toBe(role);
  });
});

describe("splitStageDirections", () => {
  test("collapses the space a direction leaves behind", () => {
    expect(splitStageDirections("Well *clears throat* first")).toEqual({
      text: "Well first",
      notes: ["clears throat"],
    });
  });
});
