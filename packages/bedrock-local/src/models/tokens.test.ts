import { describe, expect, test } from "vitest";
import { estimateInputTokens, estimateTokens, truncateToTokens } from "./tokens.ts";

const paragraph =
  "Customer: Hello, I'm calling about a payment issue I'm having with your online store. I just tried to make a " +
  "purchase, but my card was declined. I'm really worried about this and I need your help to resolve it.\n\n" +
  "Agent: Thank you for calling. I understand this can be frustrating, but I'm here to help you resolve this " +
  "payment issue. First, could you please provide the email address associated with your account?";

describe("estimateTokens", () => {
  test.each([
    ["", 0],
    ["   ", 0],
    ["Hello, world!", 4],
    ["I'm", 2],
    ["don’t", 2],
    ["customer", 1],
    ["internationalization", 4],
    ["1234567", 3],
    ["...", 1],
    ["a\n\n\nb", 3],
    ["café", 1],
    ["日本語", 3],
  ])("%j is %i tokens", (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  test("English conversation comes to about 4 characters per token", () => {
    const charsPerToken = paragraph.length / estimateTokens(paragraph);
    expect(charsPerToken).toBeGreaterThan(3.5);
    expect(charsPerToken).toBeLessThan(4.8);
  });
});

describe("truncateToTokens", () => {
  test("leaves text that fits alone", () => {
    expect(truncateToTokens(paragraph, 1000)).toEqual({ text: paragraph, truncated: false });
    const exact = estimateTokens(paragraph);
    expect(truncateToTokens(paragraph, exact)).toEqual({ text: paragraph, truncated: false });
  });

  test("cuts to a prefix within the limit, between words", () => {
    for (const limit of [1, 5, 17, 40]) {
      const { text, truncated } = truncateToTokens(paragraph, limit);
      expect(truncated).toBe(true);
      expect(paragraph.startsWith(text)).toBe(true);
      expect(estimateTokens(text)).toBeLessThanOrEqual(limit);
      expect(estimateTokens(text)).toBeGreaterThanOrEqual(limit - 3);
      expect(paragraph.charAt(text.length)).toMatch(/[^A-Za-z]/);
    }
  });

  test("a zero limit leaves nothing", () => {
    expect(truncateToTokens("Hello", 0)).toEqual({ text: "", truncated: true });
  });
});

test("estimateInputTokens counts system and messages plus each message's template markers", () => {
  const request = {
    system: "Be brief.",
    messages: [
      { role: "user" as const, text: "Hello, world!" },
      { role: "assistant" as const, text: "{" },
    ],
    maxTokens: 10,
  };
  expect(estimateInputTokens(request)).toBe(3 + 4 + (4 + 4) + (1 + 4));
});
