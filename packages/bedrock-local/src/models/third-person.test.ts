import { describe, expect, test } from "vitest";
import { reported, toThirdPerson } from "./third-person.ts";

describe("toThirdPerson", () => {
  test.each([
    ["I'll send you a confirmation email.", "The agent will send the customer a confirmation email."],
    ["Okay, I've processed your refund.", "The agent has processed the customer's refund."],
    [
      "We'll ship it tomorrow and our team will call.",
      "The company will ship it tomorrow and the company's team will call.",
    ],
    ["I can see you have two orders on file.", "The agent can see the customer has two orders on file."],
    [
      "Did you receive the email I sent you?",
      "Did the customer receive the email the agent sent the customer?",
    ],
    ["Let me check that for you.", "Let the agent check that for the customer."],
    ["I understand you need it by Friday.", "The agent understands the customer needs it by Friday."],
    [
      "Your daughter's birthday is clearly very important to you, and I'm committed to it.",
      "The customer's daughter's birthday is clearly very important to them, and the agent is committed to it.",
    ],
    [
      "I'll let you know once we receive it.",
      "The agent will let the customer know once the company receives it.",
    ],
  ])("agent: %j", (sentence, expected) => {
    expect(toThirdPerson(sentence, "agent")).toBe(expected);
  });

  test.each([
    [
      "Hello, I'm calling about a payment issue I'm having with your online store.",
      "The customer is calling about a payment issue they are having with the company's online store.",
    ],
    [
      "I have a question about an offer from your company.",
      "The customer has a question about an offer from the company.",
    ],
    [
      "I really need my refund, I was charged twice.",
      "The customer really needs their refund, they were charged twice.",
    ],
    ["Can you help me?", "Can the agent help the customer?"],
    ["I'd like to cancel my subscription.", "The customer would like to cancel their subscription."],
    ["We tried everything.", "They tried everything."],
    ["My card was declined.", "The customer's card was declined."],
    [
      "Thank you so much, you have been very helpful.",
      "Thank the agent so much, they have been very helpful.",
    ],
  ])("customer: %j", (sentence, expected) => {
    expect(toThirdPerson(sentence, "customer")).toBe(expected);
  });

  test("leaves sentences without first or second person alone, but for the opening interjection", () => {
    expect(toThirdPerson("Well, the package arrived damaged.", "customer")).toBe(
      "The package arrived damaged.",
    );
    expect(toThirdPerson("Right away it broke.", "customer")).toBe("Right away it broke.");
  });
});

test("reported leaves speech by someone of no known role as it is", () => {
  expect(reported("I will call you.", "other")).toBe("I will call you.");
  expect(reported("I will call you.", "agent")).toBe("The agent will call the customer.");
});
