import { expect, test } from "vitest";
import { findActionItems } from "./action-items.ts";
import { findTranscript } from "./transcript.ts";
import { utterancesOf } from "./utterances.ts";

const utterancesIn = (text: string) => utterancesOf(findTranscript(text)?.turns ?? []);

test("the agent's commitments, reported, without courtesy or questions", () => {
  const turns = utterancesIn(
    [
      "Agent: I'll be happy to help you with that.",
      "Customer: I'll send you the photos today.",
      "Agent: Will you be home tomorrow? I'll need your order number.",
      "Agent: Okay, I'll ship a replacement by express today. You'll receive a tracking email within the hour.",
      "Agent: We will also refund the shipping fee to your card.",
      "Agent: Have a great day, I'll talk to you soon!",
    ].join("\n"),
  );
  expect(findActionItems(turns)).toEqual([
    "The agent will ship a replacement by express today.",
    "The customer will receive a tracking email within the hour.",
    "The company will also refund the shipping fee to the customer's card.",
  ]);
});

test("keeps the last four distinct commitments", () => {
  const promises = [
    "call you Monday",
    "email the form",
    "waive the fee",
    "update the address",
    "send a coupon",
  ];
  const turns = utterancesIn(promises.map((p) => `Agent: I will ${p} for sure.\nCustomer: OK.`).join("\n"));
  const items = findActionItems(turns);
  expect(items).toHaveLength(4);
  expect(items[0]).toContain("email the form");
  expect(items.at(-1)).toBe("The agent will send a coupon for sure.");
});

test("the customer's own plans are not the agent's action items", () => {
  const utterances = utterancesIn(
    "Agent: Hello.\nCustomer: I will call my bank tomorrow about it.\nAgent: OK, bye.",
  );
  expect(utterances).toHaveLength(3);
  expect(findActionItems(utterances)).toEqual([]);
});

test("what the agent tells the customer to do at the end is a next step; troubleshooting mid-call is not", () => {
  const utterances = utterancesIn(
    [
      "Customer: My router keeps dropping.",
      "Agent: Please restart the router and wait a minute.",
      "Customer: Done, still dropping.",
      "Agent: It may be the line itself.",
      "Customer: Okay.",
      "Agent: Let me check the line.",
      "Customer: Sure.",
      "Agent: You'll need to bring the router to one of our stores for a swap.",
      "Customer: Okay, thanks.",
    ].join("\n"),
  );
  expect(findActionItems(utterances)).toEqual([
    "The customer will need to bring the router to one of the company's stores for a swap.",
  ]);
});

test("what the company will do, said without a subject, is an action item", () => {
  const utterances = utterancesIn(
    "Customer: I was charged twice.\nAgent: The duplicate charge will be refunded to your card by Friday.",
  );
  expect(findActionItems(utterances)).toEqual([
    "The duplicate charge will be refunded to the customer's card by Friday.",
  ]);
});
