import { describe, expect, test } from "vitest";
import { PLACEHOLDER } from "./pii-match.ts";
import { redactPii } from "./redact-pii.ts";

describe("redactPii", () => {
  test("the placeholders are exactly these strings", () => {
    expect(PLACEHOLDER).toEqual({
      email: "[EMAIL]",
      phone: "[PHONE]",
      card: "[CARD]",
      "national-id": "[NATIONAL_ID]",
      address: "[ADDRESS]",
    });
  });

  test("replaces every kind by its placeholder and counts each kind", () => {
    const line =
      "I'm jane.doe@example.com or (555) 123-4567, also 555-987-6543; card 4111 1111 1111 1111, " +
      "SSN 123-45-6789, and I live at 123 Main Street, Springfield, IL 62704.";
    expect(redactPii(line)).toEqual({
      text: "I'm [EMAIL] or [PHONE], also [PHONE]; card [CARD], SSN [NATIONAL_ID], and I live at [ADDRESS].",
      counts: { email: 1, phone: 2, card: 1, "national-id": 1, address: 1 },
    });
  });

  test("text with nothing to redact comes back as it was, with no counts", () => {
    const line = "Thanks for calling Oktank, how can I help you today?";
    expect(redactPii(line)).toEqual({ text: line, counts: {} });
  });

  test("redacting redacted text changes nothing and counts nothing", () => {
    const once = redactPii(
      "Mail a.b@c.org, call +44 20 7946 0958, card 5555 5555 5555 4444, NI AB 12 34 56 C, 1 Elm Ct, Dover, DE 19901",
    );
    expect(once.counts).toEqual({ email: 1, phone: 1, card: 1, "national-id": 1, address: 1 });
    expect(redactPii(once.text)).toEqual({ text: once.text, counts: {} });
  });

  test("a card read out in phone-like groups is one card, and a run that fails Luhn is no phone either", () => {
    expect(redactPii("it's 4111 111 111 1111 11, not 4111 111 111 1111 12")).toEqual({
      text: "it's [CARD], not 4111 111 111 1111 12",
      counts: { card: 1 },
    });
  });

  test("an address and a phone number on one line are each found", () => {
    expect(redactPii("Send it to 12 Oak St, Dover, DE 19901, or call 555-123-4567").text).toBe(
      "Send it to [ADDRESS], or call [PHONE]",
    );
  });

  test("a phone-shaped stretch straight after another digit group is part of a longer number, not a phone", () => {
    const line = "The account is 12 555 123 4567 and the parcel 8841 555-123-4567.";
    expect(redactPii(line)).toEqual({ text: line, counts: {} });
  });

  test("an email whose local part is a phone number is one email", () => {
    expect(redactPii("write to 555-123-4567@sms.example.com")).toEqual({
      text: "write to [EMAIL]",
      counts: { email: 1 },
    });
  });

  test.each([
    "Your order number is 12345678 and it shipped on 2024-01-15.",
    "The tracking number is 1Z999AA10123456784, expected by 01/18/2024.",
    "I was charged $1,234.56 on March 3rd at 10:30 AM, then $79.99 twice.",
    "That's a 15% discount, so the total comes to $89.98 plus 8.25% tax.",
    "Invoice INV-2024-00123 covers 3 items; credit memo CM-88231 covers one.",
    "Please update the app to version 4.12.3 or later, build 2024.01.15.1.",
    "Your case number is 00452319 and your confirmation number is 4792-1138-2548.",
    "It's an Intel Core i7-11800H with 16GB of RAM and a 15.6-inch display.",
    "Delivery takes 5-7 business days, or 2-3 with express; we're open 24/7.",
    "The USPS number is 9400 1000 0000 0000 0000 00 and the Amazon order is 112-3456789-1234567.",
    "Your account balance is 1,250.00 and the last payment of 75.83 posted on 12/15.",
    "The card ending in 4242 expires 12/27; the CVV is on the back.",
    "Room 404 at 3:15 PM, extension 2231, floor 12.",
    "We have 2 Oktank Deluxe Blenders at the Main Street store, aisle 7.",
    "Ticket INC0012345 was escalated to tier 2 at 2023-11-02T14:05:00Z.",
    "Your one-time password is 734912 and it expires in 10 minutes.",
  ])("a call line with numbers but no personal data is left alone: %j", (line) => {
    expect(redactPii(line)).toEqual({ text: line, counts: {} });
  });
});
