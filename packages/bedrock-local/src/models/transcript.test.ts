import { describe, expect, test } from "vitest";
import { findTranscript, splitStageDirections } from "./transcript.ts";

describe("findTranscript", () => {
  test("finds the turns inside a prompt and keeps the rest as instructions", () => {
    const prompt = [
      "Summarize the call below in JSON.",
      "<transcript>",
      "Agent: Thank you for calling. How can I help?",
      "Customer: *sighs* My card was charged twice.",
      "Agent: Let me check.",
      "",
      "*typing*",
      "",
      "I see the duplicate charge; I've refunded it.",
      "Customer: Thanks!",
      "</transcript>",
      "Answer with keys overview and sentiment.",
    ].join("\n");
    const found = findTranscript(prompt);
    expect(found?.turns).toEqual([
      { speaker: "Agent", role: "agent", text: "Thank you for calling. How can I help?", cues: [] },
      { speaker: "Customer", role: "customer", text: "My card was charged twice.", cues: ["sighs"] },
      {
        speaker: "Agent",
        role: "agent",
        text: "Let me check. I see the duplicate charge; I've refunded it.",
        cues: ["typing"],
      },
      { speaker: "Customer", role: "customer", text: "Thanks!", cues: [] },
    ]);
    expect(found?.instructions).toBe(
      "Summarize the call below in JSON.\n\n\n\n\nAnswer with keys overview and sentiment.",
    );
  });

  test("reads a transcript wrapped in tags on the same lines as its first and last turns", () => {
    const found = findTranscript("Summarize: <text>Agent: Hello.\nCustomer: Hi, I need help.</text>");
    expect(found?.turns.map((t) => t.text)).toEqual(["Hello.", "Hi, I need help."]);
  });

  test("a one-off label is part of a turn, not a speaker", () => {
    const found = findTranscript(
      "Note: be brief.\nAgent: Your order:\nTotal: $40\nCustomer: Great, thanks.\nAgent: Bye.",
    );
    expect(found?.turns.map((t) => t.speaker)).toEqual(["Agent", "Customer", "Agent"]);
    expect(found?.turns[0]?.text).toBe("Your order: Total: $40");
    expect(found?.instructions).toBe("Note: be brief.");
  });

  test("gives roles to unnamed speakers: the first of two is taken for the agent", () => {
    const found = findTranscript("Speaker 1: Hello, Oktank.\nSpeaker 2: Hi, I need help.\nSpeaker 1: Sure.");
    expect(found?.turns.map((t) => t.role)).toEqual(["agent", "customer", "agent"]);
  });

  test("gives the missing role to the busiest unnamed speaker", () => {
    const found = findTranscript(
      "Agent: Hello.\nJane: Hi, my order is late.\nAgent: Sorry.\nJane: OK.\nBob: (in background)\nBob: hi",
    );
    const roles = Object.fromEntries(found?.turns.map((t) => [t.speaker, t.role]) ?? []);
    expect(roles).toEqual({ Agent: "agent", Jane: "customer", Bob: "other" });
  });

  test("reads timestamps, lowercase speaker ids and CRLF line ends", () => {
    const found = findTranscript(
      "[00:01] spk_0: Hello.\r\n[00:04] spk_1: Hi there.\r\n[00:09] spk_0: Bye.\r\n",
    );
    expect(found?.turns.map((t) => [t.speaker, t.text])).toEqual([
      ["spk_0", "Hello."],
      ["spk_1", "Hi there."],
      ["spk_0", "Bye."],
    ]);
  });

  test.each([
    ["plain prose", "Write a summary of the following article. The economy grew by 3% last year."],
    ["a single speaker", "Agent: Hello.\nAgent: Anyone there?"],
    ["one labelled line", "Customer: my card was declined"],
  ])("finds no transcript in %s", (_, text) => {
    expect(findTranscript(text)).toBeUndefined();
  });
});

test("splitStageDirections takes *asterisked* directions out of speech", () => {
  expect(splitStageDirections("*Anxiously* Hello,  I'm *pauses* worried.")).toEqual({
    text: "Hello, I'm worried.",
    cues: ["Anxiously", "pauses"],
  });
});
