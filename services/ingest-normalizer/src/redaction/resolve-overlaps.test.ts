import { describe, expect, test } from "vitest";
import type { PiiMatch } from "./pii-match.ts";
import { resolveOverlaps } from "./resolve-overlaps.ts";

const text = "x".repeat(100);
const span = (type: PiiMatch["type"], start: number, end: number): PiiMatch => ({ type, start, end });

describe("resolveOverlaps", () => {
  test("keeps findings that do not overlap, in text order", () => {
    const matches = [span("phone", 50, 60), span("email", 0, 10), span("card", 20, 39)];
    expect(resolveOverlaps(text, matches)).toEqual([
      span("email", 0, 10),
      span("card", 20, 39),
      span("phone", 50, 60),
    ]);
  });

  test("priority decides between kinds: email, card, national id, phone, address", () => {
    expect(resolveOverlaps(text, [span("phone", 0, 30), span("card", 5, 24)])).toEqual([span("card", 5, 24)]);
    expect(resolveOverlaps(text, [span("address", 0, 40), span("phone", 30, 44)])).toEqual([
      span("phone", 30, 44),
    ]);
    expect(resolveOverlaps(text, [span("national-id", 0, 11), span("email", 5, 20)])).toEqual([
      span("email", 5, 20),
    ]);
    expect(resolveOverlaps(text, [span("phone", 0, 12), span("national-id", 2, 13)])).toEqual([
      span("national-id", 2, 13),
    ]);
  });

  test("within one kind the longest wins, then the earliest", () => {
    expect(resolveOverlaps(text, [span("phone", 0, 12), span("phone", 4, 20)])).toEqual([
      span("phone", 4, 20),
    ]);
    expect(resolveOverlaps(text, [span("phone", 4, 16), span("phone", 0, 12)])).toEqual([
      span("phone", 0, 12),
    ]);
  });

  test("a loser does not block a later finding it overlapped but the winner does not", () => {
    const matches = [span("card", 10, 20), span("address", 5, 25), span("phone", 22, 30)];
    expect(resolveOverlaps(text, matches)).toEqual([span("card", 10, 20), span("phone", 22, 30)]);
  });

  test("touching spans do not overlap", () => {
    expect(resolveOverlaps(text, [span("phone", 0, 10), span("email", 10, 20)])).toEqual([
      span("phone", 0, 10),
      span("email", 10, 20),
    ]);
  });
});
