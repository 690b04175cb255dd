import { describe, expect, test } from "vitest";
import { findCards } from "./card.ts";

const cardsIn = (text: string) => findCards(text).map((m) => text.slice(m.start, m.end));

describe("findCards", () => {
  test.each([
    ["The number is 4111 1111 1111 1111.", "4111 1111 1111 1111"],
    ["Card: 4111-1111-1111-1111, exp 12/27", "4111-1111-1111-1111"],
    ["it's 5555555555554444 and the code is on the back", "5555555555554444"],
    ["the Amex is 3782 822463 10005", "3782 822463 10005"],
    ["Discover 6011 1111 1111 1117.", "6011 1111 1111 1117"],
    ["new Mastercard 2223 0031 2200 3222", "2223 0031 2200 3222"],
    ["a 19-digit one, 6250 9410 0652 8599 008.", "6250 9410 0652 8599 008"],
  ])("finds the card in %j", (line, card) => {
    expect(cardsIn(line)).toEqual([card]);
  });

  test("a card read out straight before its expiry and code is found without them", () => {
    expect(cardsIn("it's 4111 1111 1111 1111 12 27 123")).toEqual(["4111 1111 1111 1111"]);
  });

  test("a 16-digit number that fails Luhn is left alone, however it is grouped", () => {
    expect(findCards("The number is 4111 1111 1111 1112.")).toEqual([]);
    expect(findCards("The number is 4111111111111112.")).toEqual([]);
  });

  test.each([
    "The order number is 12345678.",
    "The tracking number is 1Z999AA10123456784.",
    "USPS tracking 9400 1000 0000 0000 0000 00 shows it in transit.",
    "USPS tracking 9400100000000000000000 shows it in transit.",
    "Your Amazon order 112-3456789-1234567 shipped.",
    "The card ending in 4242 was declined on 2024-01-15.",
    "Order 4111111111111111111111 is a twenty-two digit code, not a card.",
    "Invoice INV-4111111111111111 was paid.",
    "The balance is 4,111,111,111,111.11 lira.",
    "A 12-digit 4111 1111 1111 is too short to be a card.",
    "The confirmation number is 4792-1138-2548.",
    "Call +4111111111111111 now.",
  ])("leaves %j alone", (line) => {
    expect(findCards(line)).toEqual([]);
  });
});
