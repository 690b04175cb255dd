import { describe, expect, test } from "vitest";
import { estimateTokens } from "./estimate-tokens.ts";

describe("estimateTokens", () => {
  test.each([
    ["English: four characters a token", "Agent: Hello!", 4],
    ["Chinese: one token a character, full-width colon and comma included", "客服：您好，请问", 8],
    ["Japanese kana and kanji: one each", "お客様：注文", 6],
    ["Korean hangul: one each", "상담원", 3],
    ["Cyrillic: two characters a token", "Клиент", 3],
    ["Arabic: two characters a token", "العميل", 3],
    ["emoji: one each", "👍👍", 2],
    ["mixed: each part by its own rule", "Agent: 您好", 4],
    ["nothing: no tokens", "", 0],
  ])("%s", (_rule, text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  test("a CJK call is never counted below one token per ideograph, as characters ÷ 4 did", () => {
    const call = "客服：您好，这里是客户服务中心。\n客户：我的订单还没有到。".repeat(50);
    const ideographs = call.match(/\p{Script=Han}/gu)?.length ?? 0;
    expect(estimateTokens(call)).toBeGreaterThanOrEqual(ideographs);
    expect(estimateTokens(call)).toBeGreaterThan(Math.ceil(call.length / 4) * 3);
  });
});
