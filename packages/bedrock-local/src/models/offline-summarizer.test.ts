import { callSummarySchema } from "@recap/shared/events/summary";
import { describe, expect, test } from "vitest";
import type { ChatRequest } from "./backend.ts";
import { createOfflineSummarizer, summarizeOffline } from "./offline-summarizer.ts";
import { estimateInputTokens, estimateTokens } from "./tokens.ts";

const refundCall = `Agent: Thank you for calling Oktank support, my name is {NAME}. How can I help you today?

Customer: Hi. I'm calling because I was charged twice for my order of the Oktank Deluxe Blender.

Agent: I'm sorry about that. Could you give me the email address on your account?

Customer: Sure, it's {EMAIL}.

Agent: Thank you. *typing* I can see two charges of $79.99 on March 3rd for the same order.

Customer: Yes, that's exactly what my bank statement shows.

Agent: The second charge was a duplicate caused by a payment retry. I've processed a refund of $79.99 to your card.

Customer: Oh, that's great, thank you.

Agent: You'll receive a confirmation email within the hour, and the refund should appear in 3 to 5 business days.

Customer: Perfect, I really appreciate your help.

Agent: My pleasure. Is there anything else I can help you with?

Customer: No, that's all. Have a good day!

Agent: You too, goodbye.`;

const angryCancellation = `Agent: Oktank support, how can I help?

Customer: *angrily* I want to cancel my subscription. This is ridiculous, your service has been down three times this week.

Agent: I'm sorry to hear about the outages. Could I offer you a month free to stay with us?

Customer: No. I'm furious and frankly disappointed. It's unacceptable that I pay for a service that doesn't work.

Agent: I understand. I have cancelled your subscription effective today, and you will not be billed again.

Customer: *sighs* Fine. This whole experience has been terrible and frustrating.

Agent: I apologize again. You'll receive a cancellation confirmation by email.`;

const request = (
  transcript: string,
  instructions: string,
  overrides: Partial<ChatRequest> = {},
): ChatRequest => ({
  messages: [{ role: "user", text: `${instructions}\n\n<transcript>\n${transcript}\n</transcript>` }],
  maxTokens: 1000,
  ...overrides,
});

const asJson = "Summarize this call as JSON.";

describe("the offline summarizer", () => {
  test("is a backend named offline", async () => {
    const backend = createOfflineSummarizer();
    expect(backend.name).toBe("offline");
    await expect(backend.complete(request(refundCall, asJson))).resolves.toEqual(
      summarizeOffline(request(refundCall, asJson)),
    );
  });

  test("is deterministic: the same request, the same completion, whatever the temperature", () => {
    const first = summarizeOffline(request(angryCancellation, asJson, { temperature: 1 }));
    for (const temperature of [0, 0.5, 1]) {
      expect(summarizeOffline(request(angryCancellation, asJson, { temperature }))).toEqual(first);
    }
  });

  test("answers a JSON prompt with Recap's summary shape, read from the call", () => {
    const completion = summarizeOffline(request(refundCall, asJson));
    const summary = callSummarySchema.parse(JSON.parse(completion.text));
    expect(summary.resolution).toBe("resolved");
    expect(summary.sentiment).toBe("positive");
    expect(summary.callReason).toBe(
      "The customer is calling because they were charged twice for their order of the Oktank Deluxe Blender.",
    );
    expect(summary.actionItems).toContain(
      "The customer will receive a confirmation email within the hour, and the refund should appear in 3 to 5 business days.",
    );
    expect(summary.overview).toContain("refund");
    expect(completion.stopReason).toBe("end");
  });

  test("reads an angry cancellation as negative, and the cancellation as done", () => {
    const summary = callSummarySchema.parse(
      JSON.parse(summarizeOffline(request(angryCancellation, asJson)).text),
    );
    expect(summary.sentiment).toBe("negative");
    expect(summary.resolution).toBe("resolved");
    expect(summary.callReason).toMatch(/cancel their subscription/);
  });

  test("uses the keys a prompt names, as it spells them", () => {
    const prompt =
      'Return only JSON: {"summary": "...", "reason": "...", "customer_sentiment": "...", "agent_name": "..."}';
    const answer = JSON.parse(summarizeOffline(request(refundCall, prompt)).text);
    expect(Object.keys(answer)).toEqual(["summary", "reason", "customer_sentiment", "agent_name"]);
    expect(answer.customer_sentiment).toBe("positive");
    expect(answer.agent_name).toBeNull();
  });

  test("takes its instructions from the system prompt too", () => {
    const completion = summarizeOffline({
      system: "You are a call analyst. Always answer in JSON.",
      messages: [{ role: "user", text: refundCall }],
      maxTokens: 1000,
    });
    expect(() => callSummarySchema.parse(JSON.parse(completion.text))).not.toThrow();
  });

  test("continues after a `{` prefill, as a model would", () => {
    const prefilled = request(refundCall, "Summarize the call.", {
      messages: [...request(refundCall, "Summarize the call.").messages, { role: "assistant", text: "{" }],
    });
    const { text } = summarizeOffline(prefilled);
    expect(text.startsWith("{")).toBe(false);
    expect(() => callSummarySchema.parse(JSON.parse(`{${text}`))).not.toThrow();
  });

  test("writes prose to the length the reference notebook's prompt asks, in the third person", () => {
    const prompt = "Write an accurate 250 word gender-neutral summary of the following text:";
    const { text, stopReason } = summarizeOffline(request(`${refundCall}\n\n${angryCancellation}`, prompt));
    const words = text.split(" ").length;
    expect(stopReason).toBe("end");
    expect(words).toBeGreaterThan(100);
    expect(words).toBeLessThanOrEqual(250);
    expect(text).not.toMatch(/\b(?:I|I'm|I've|my|he|she|his|her)\b/);
    expect(text).toMatch(/^The customer is calling because/);
  });

  test("a short prose limit gives a short summary", () => {
    const { text } = summarizeOffline(request(refundCall, "Summarize in 40 words."));
    expect(text.split(" ").length).toBeLessThanOrEqual(45);
    expect(text).toContain("resolved");
  });

  test("stops at maxTokens, reporting max-tokens, with the cut answer's own count", () => {
    const full = summarizeOffline(request(refundCall, asJson));
    const cut = summarizeOffline(request(refundCall, asJson, { maxTokens: 20 }));
    expect(cut.stopReason).toBe("max-tokens");
    expect(cut.outputTokens).toBeLessThanOrEqual(20);
    expect(cut.outputTokens).toBe(estimateTokens(cut.text));
    expect(full.text.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBeLessThan(full.text.length);
  });

  test("counts the whole prompt as input, and its answer as output", () => {
    const req = request(refundCall, asJson, { system: "Be accurate." });
    const completion = summarizeOffline(req);
    expect(completion.inputTokens).toBe(estimateInputTokens(req));
    expect(completion.inputTokens).toBeGreaterThan(estimateTokens(refundCall));
    expect(completion.outputTokens).toBe(estimateTokens(completion.text));
  });

  test("without a transcript, summarizes the text after the instructions", () => {
    const article =
      "Oktank opened a new warehouse in Ohio this spring. The warehouse doubles the capacity for blender orders. " +
      "Deliveries in the Midwest now take two days instead of five.";
    const { text } = summarizeOffline({
      messages: [{ role: "user", text: `Write a short summary of the following text.\n\n${article}` }],
      maxTokens: 300,
    });
    expect(text).toContain("warehouse");
    expect(text).not.toContain("Write a short summary");
  });

  test("an empty prompt still gets a valid JSON summary", () => {
    const { text } = summarizeOffline({
      system: "Answer in JSON.",
      messages: [{ role: "user", text: " " }],
      maxTokens: 300,
    });
    expect(callSummarySchema.parse(JSON.parse(text))).toMatchObject({
      resolution: "unknown",
      sentiment: "neutral",
    });
  });
});
