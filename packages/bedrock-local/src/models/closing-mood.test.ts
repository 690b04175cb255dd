import { expect, test } from "vitest";
import { closingMoodOf } from "./closing-mood.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

function closing(text: string) {
  return closingMoodOf(utterancesOf(findTranscript(text)?.turns ?? []));
}

const opening =
  "Agent: Hello, how can I help?\nCustomer: My card was declined twice today.\nAgent: Let me look.\n";

test.each([
  [
    "saying it still fails",
    "Customer: I tried again and it's still not working.\nAgent: I see.",
    "complaining",
  ],
  ["protesting", "Customer: Honestly, I'm fed up with this.\nAgent: I understand.", "complaining"],
  [
    "venting without saying it is broken",
    "Customer: Fine. That was an awful experience.\nAgent: Sorry.",
    "upset",
  ],
  ["praising", "Customer: Perfect, that's exactly what I needed.\nAgent: Glad to hear it.", "accepting"],
  ["saying it works", "Customer: Yes, that worked.\nAgent: Great.", "accepting"],
  ["only thanking", "Customer: Okay, thanks.\nAgent: Bye.", "thanking"],
  ["saying neither", "Customer: Okay. Bye.\nAgent: Bye.", "plain"],
])("a customer %s ends %s", (_, ending, mood) => {
  expect(closing(`${opening}${ending}`)).toBe(mood);
});

test("the customer's last two turns count: a goodbye does not hide the complaint before it", () => {
  const text = `${opening}Customer: Okay.\nAgent: Try it now.\nCustomer: One moment.\nAgent: Sure.\nCustomer: It's still not working.\nAgent: I'm sorry.\nCustomer: Bye.\nAgent: Bye.`;
  expect(closing(text)).toBe("complaining");
});

test("only the last third of the call is its closing: the problem as first told is not how it ended", () => {
  const text =
    "Agent: Hi.\nCustomer: It doesn't work at all.\nAgent: Let me reset it.\nCustomer: Okay.\n" +
    "Agent: Done, it's reset.\nCustomer: Okay, thanks.\nAgent: Bye.";
  expect(closing(text)).toBe("thanking");
});
