import { expect, test } from "vitest";
import type { Resolution } from "./resolution.ts";
import { assessSentiment } from "./sentiment.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

function assess(text: string) {
  const turns = findTranscript(text)?.turns ?? [];
  return assessSentiment(turns, utterancesOf(turns));
}

test.each([
  [
    "an angry cancellation",
    "Customer: *angrily* This is ridiculous. I'm furious, your service is terrible and I want to cancel.\nAgent: I'm sorry to hear that, it's wonderful feedback.\nCustomer: It's unacceptable. Just cancel it, I'm done with this awful company.",
    "negative",
  ],
  [
    "a delighted customer",
    "Customer: Hi! I'm so excited about the new blender.\nAgent: Great!\nCustomer: That's wonderful, I really appreciate your help. Perfect!",
    "positive",
  ],
  [
    "worry turned to relief",
    "Customer: *anxiously* I'm really worried, my payment failed and it's so frustrating.\nAgent: Let me fix it.\nCustomer: Oh, I'm relieved, that's great. I appreciate it.",
    "mixed",
  ],
  [
    "a matter-of-fact question",
    "Customer: What time do you close?\nAgent: At five.\nCustomer: Bye.",
    "neutral",
  ],
])("%s is %s", (_, transcript, sentiment) => {
  expect(assess(transcript)).toBe(sentiment);
});

test("a negator flips a word: not happy is unhappy", () => {
  const verdict = assess("Customer: I'm not happy. Not happy at all, and not satisfied.\nAgent: I see.");
  expect(verdict).toBe("negative");
});

test("only the customer's words count", () => {
  const verdict = assess("Agent: Wonderful, great, perfect, excellent!\nCustomer: I'm upset and frustrated.");
  expect(verdict).toBe("negative");
});

test.each([
  [
    "an upset customer whose problem was solved was of two minds",
    "Agent: Hi, how can I help?\nCustomer: I've been charged twice, this is the third time this has happened.\nAgent: I'm sorry about that.\nCustomer: Just fix it.\nAgent: I've refunded the second charge.\nCustomer: Okay, I guess that's fine.\nAgent: Anything else?\nCustomer: No.",
    "resolved",
    "mixed",
  ],
  [
    "an upset customer whose problem was not solved stayed negative",
    "Agent: Hi, how can I help?\nCustomer: I've been charged twice, this is the third time this has happened.\nAgent: I'm sorry about that.\nCustomer: Just fix it.\nAgent: Unfortunately I can't refund it today.\nCustomer: Okay.\nAgent: Anything else?\nCustomer: No.",
    "unresolved",
    "negative",
  ],
  [
    "a calm customer thanking politely after bad news is neutral",
    "Agent: Hi, how can I help?\nCustomer: Can I move my appointment to Sunday?\nAgent: Unfortunately we're closed on Sundays.\nCustomer: Okay, sure, thanks anyway.",
    "unresolved",
    "neutral",
  ],
])("%s", (_, transcript, resolution, sentiment) => {
  const turns = findTranscript(transcript)?.turns ?? [];
  expect(assessSentiment(turns, utterancesOf(turns), resolution as Resolution)).toBe(sentiment);
});

test("an agent apologizing at once reads an upset caller whose own words are restrained", () => {
  const turns =
    findTranscript(
      "Agent: Hello, how can I help?\nCustomer: My order has not arrived.\nAgent: I'm so sorry to hear that.\nCustomer: When will it come?\nAgent: We'll need to check.\nCustomer: Okay.",
    )?.turns ?? [];
  expect(assessSentiment(turns, utterancesOf(turns), "unresolved")).toBe("negative");
});
