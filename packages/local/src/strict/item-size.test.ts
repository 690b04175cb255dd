import { describe, expect, test } from "vitest";
import { itemSize, MAX_ITEM_BYTES, numberSize } from "./item-size.ts";

describe("an item's size as DynamoDB counts it", () => {
  test("names and strings count their UTF-8 bytes, not their UTF-16 length", () => {
    expect(itemSize({ pk: { S: "abc" } })).toBe(2 + 3);
    expect(itemSize({ né: { S: "é" } })).toBe(3 + 2);
    // An emoji is two UTF-16 code units but four UTF-8 bytes.
    expect(itemSize({ t: { S: "😀" } })).toBe(1 + 4);
  });

  test("numbers: one byte per two significant digits, plus one; zeros at either end do not count", () => {
    expect(numberSize("0")).toBe(1);
    expect(numberSize("7")).toBe(2);
    expect(numberSize("12")).toBe(2);
    expect(numberSize("123")).toBe(3);
    expect(numberSize("-1200")).toBe(2);
    expect(numberSize("0.00123")).toBe(3);
  });

  test("binary counts raw bytes, not base64; booleans and nulls one byte; sets the sum of their elements", () => {
    expect(itemSize({ b: { B: Buffer.from([1, 2, 3, 4]).toString("base64") } })).toBe(1 + 4);
    expect(itemSize({ ok: { BOOL: true }, no: { NULL: true } })).toBe(2 + 1 + 2 + 1);
    expect(itemSize({ s: { SS: ["ab", "é"] } })).toBe(1 + 2 + 2);
    expect(itemSize({ n: { NS: ["1", "22"] } })).toBe(1 + 2 + 2);
  });

  test("lists and maps: 3 bytes, each element's size, one byte per element; a map's keys count", () => {
    expect(itemSize({ l: { L: [] } })).toBe(1 + 3);
    expect(itemSize({ l: { L: [{ S: "ab" }, { BOOL: false }] } })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemSize({ m: { M: { k: { S: "ab" } } } })).toBe(1 + 3 + 1 + (1 + 2));
  });

  test("the limit is 400 KB", () => {
    expect(MAX_ITEM_BYTES).toBe(409_600);
  });
});
