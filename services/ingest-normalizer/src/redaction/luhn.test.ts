import { describe, expect, test } from "vitest";
import { passesLuhn } from "./luhn.ts";

describe("passesLuhn", () => {
  test.each([
    "4111111111111111",
    "5555555555554444",
    "378282246310005",
    "6011111111111117",
    "4111 1111 1111 1111",
    "3782-822463-10005",
    "79927398713",
  ])("%s passes", (value) => {
    expect(passesLuhn(value)).toBe(true);
  });

  test.each(["4111111111111112", "5555555555554445", "378282246310006", "1234567812345678", "79927398710"])(
    "%s fails",
    (value) => {
      expect(passesLuhn(value)).toBe(false);
    },
  );

  test("a value with no digits is not a number that passes", () => {
    expect(passesLuhn("")).toBe(false);
    expect(passesLuhn(" - ")).toBe(false);
  });
});
