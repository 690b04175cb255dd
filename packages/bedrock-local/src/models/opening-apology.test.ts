import { expect, test } from "vitest";
import { apologizedEarly } from "./opening-apology.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

function early(text: string) {
  return apologizedEarly(utterancesOf(findTranscript(text)?.turns ?? []));
}

test("an agent who answers the problem with an apology reads an upset caller", () => {
  expect(
    early("Agent: Hi, how can I help?\nCustomer: My bill doubled.\nAgent: I'm so sorry about that."),
  ).toBe(true);
  expect(early("Agent: Hello.\nCustomer: Third outage.\nAgent: I understand your frustration.")).toBe(true);
});

test("an apology later in the call is about the outcome, not the caller's mood", () => {
  const text =
    "Agent: Hi, how can I help?\nCustomer: I'd like a copy of my bill.\nAgent: Sure, what's your account?\n" +
    "Customer: It's 1234.\nAgent: Sorry, I can't email it, only post it.";
  expect(early(text)).toBe(false);
});
