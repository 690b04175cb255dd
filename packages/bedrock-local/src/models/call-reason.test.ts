import { expect, test } from "vitest";
import { findCallReason } from "./call-reason.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

const utterancesIn = (text: string) => utterancesOf(findTranscript(text)?.turns ?? []);

test("skips greetings and identity checks to the customer's stated reason, in the third person", () => {
  const turns = utterancesIn(
    [
      "Customer: *dials*",
      "Agent: Thank you for calling Oktank. How can I help you today?",
      "Customer: Hi there. Thank you for taking my call.",
      "Agent: Could you give me the email on your account?",
      "Customer: Sure, it's {EMAIL}.",
      "Agent: Thanks. What can I do for you?",
      "Customer: I'm calling about a charge on my card that I don't recognize. It was made last week.",
    ].join("\n"),
  );
  expect(findCallReason(turns)).toEqual({
    reason: "The customer is calling about a charge on their card that they don't recognize.",
    sentence: "I'm calling about a charge on my card that I don't recognize.",
  });
});

test("prefers a sentence with a reason phrase over an earlier one without", () => {
  const turns = utterancesIn(
    "Agent: Hello.\nCustomer: It has been a long week for me honestly. I want to cancel my subscription today.",
  );
  expect(findCallReason(turns)?.reason).toBe("The customer wants to cancel their subscription today.");
});

test("falls back to anyone's first substantive sentence when there is no customer", () => {
  const turns = [
    { speaker: "", role: "other" as const, text: "The quarterly report shows revenue up 3%.", cues: [] },
  ];
  expect(findCallReason(utterancesOf(turns))?.reason).toBe("The quarterly report shows revenue up 3%.");
});

test("finds nothing in a call of pleasantries", () => {
  expect(
    findCallReason(utterancesIn("Agent: Hello.\nCustomer: Hi.\nAgent: Bye.\nCustomer: Bye.")),
  ).toBeUndefined();
});
