import { describe, expect, test } from "vitest";
import { findNationalIds } from "./national-id.ts";

const idsIn = (text: string) => findNationalIds(text).map((m) => text.slice(m.start, m.end));

describe("findNationalIds", () => {
  test.each([
    ["My SSN is 123-45-6789.", "123-45-6789"],
    ["it's 078-05-1120, I think", "078-05-1120"],
    ["my social security number is 123 45 6789", "123 45 6789"],
    ["Social Security Number: 123456789", "123456789"],
    ["SSN 123.45.6789 on the form", "123.45.6789"],
    ["my social? sure, it's 234 56 7890", "234 56 7890"],
    ["my social is 123-45 6789, I mean", "123-45 6789"],
    ["National Insurance number AB 12 34 56 C, yes", "AB 12 34 56 C"],
    ["NI: JG103759A.", "JG103759A"],
  ])("finds the id in %j", (line, id) => {
    expect(idsIn(line)).toEqual([id]);
  });

  test.each([
    ["area 000", "My SSN is 000-12-3456."],
    ["area 666", "My SSN is 666-12-3456."],
    ["area 9xx", "My SSN is 912-34-5678."],
    ["group 00", "My SSN is 123-00-4567."],
    ["serial 0000", "My SSN is 123-45-0000."],
  ])("a number the SSA never issues (%s) is left alone", (_, line) => {
    expect(findNationalIds(line)).toEqual([]);
  });

  test("any nine digits shortly after the bare word social are taken for an SSN: recall over precision", () => {
    expect(idsIn("our social media post got 234567890 views")).toEqual(["234567890"]);
  });

  test.each([
    "The order number is 123456789 and it shipped 2024-01-15.",
    "Account 123 45 6789 is the one with the balance.",
    "Part 123-45-67890 is on backorder.",
    "Reference 1123-45-6789 is closed.",
    "The order 123456789 is not an SSN even though the word social comes after it.",
    "Prefix DA 12 34 56 C is never issued, nor GB 12 34 56 A, nor ab 12 34 56 c in lower case.",
    "Order AB123456E has suffix E, so it is no NI number.",
    "Tracking 1Z999AA10123456784 is in transit.",
    "The last four of my social are 6789.",
  ])("leaves %j alone", (line) => {
    expect(findNationalIds(line)).toEqual([]);
  });
});
