import { type ModelFamily, promptTemplates, type RecordFailure } from "@recap/shared";
import { describe, expect, test } from "vitest";
import { judgeRecord, type OutputLine } from "./judge-record.ts";

/**
 * What a model can answer instead of a clean summary (issue 10, part 3), each with the one verdict it earns:
 * the summary, after a documented repair (see judgeRecord), or a per-record failure with its code. None
 * may throw: one bad record must not fail the chunk of records harvested with it.
 */
const summary = {
  overview: "The customer's parcel was lost; a replacement was sent.",
  callReason: "lost parcel",
  resolution: "resolved",
  sentiment: "neutral",
  actionItems: ["send replacement"],
};
const json = JSON.stringify(summary);

const anthropic = (text: string, stop: string | null = "end_turn"): OutputLine => ({
  recordId: "R0000000001",
  modelOutput: {
    content: [{ type: "text", text }],
    stop_reason: stop,
    usage: { input_tokens: 800, output_tokens: 60 },
  },
});
const nova = (text: string, stopReason = "end_turn"): OutputLine => ({
  recordId: "R0000000001",
  modelOutput: {
    output: { message: { content: [{ text }] } },
    stopReason,
    usage: { inputTokens: 800, outputTokens: 60 },
  },
});
const llama = (generation: string, stop = "stop"): OutputLine => ({
  recordId: "R0000000001",
  modelOutput: { generation, prompt_token_count: 800, generation_token_count: 60, stop_reason: stop },
});

type Case = {
  name: string;
  line: OutputLine;
  family?: ModelFamily;
  expect: { summary: typeof summary } | { failure: RecordFailure["code"] };
};

const cases: Case[] = [
  { name: "a clean JSON answer", line: anthropic(json), expect: { summary } },
  {
    name: "JSON in a ```json Markdown fence",
    line: anthropic(`\`\`\`json\n${json}\n\`\`\``),
    expect: { summary },
  },
  { name: "JSON in a bare Markdown fence", line: anthropic(`\`\`\`\n${json}\n\`\`\``), expect: { summary } },
  {
    name: "JSON with words before and after",
    line: anthropic(`Sure! ${json}\nHope it helps.`),
    expect: { summary },
  },
  {
    name: "a valid summary with extra fields",
    line: anthropic(JSON.stringify({ ...summary, mood: "calm", confidence: 0.9 })),
    expect: { summary },
  },
  {
    name: "a __proto__ key in the answer",
    line: anthropic(json.replace("{", '{"__proto__":{"polluted":"yes"},')),
    expect: { summary },
  },
  {
    name: "prose, not JSON",
    line: anthropic("The customer lost a parcel."),
    expect: { failure: "invalid-summary" },
  },
  {
    name: "JSON with a trailing comma",
    line: anthropic(json.replace(/}$/, ",}")),
    expect: { failure: "invalid-summary" },
  },
  { name: "two JSON objects", line: anthropic(`${json}\n${json}`), expect: { failure: "invalid-summary" } },
  {
    name: "a wrong enum value (enums are not guessed at)",
    line: anthropic(JSON.stringify({ ...summary, resolution: "Resolved" })),
    expect: { failure: "invalid-summary" },
  },
  {
    name: "a field of the wrong type",
    line: anthropic(JSON.stringify({ ...summary, actionItems: "send replacement" })),
    expect: { failure: "invalid-summary" },
  },
  {
    name: "a required field missing",
    line: anthropic(JSON.stringify({ ...summary, overview: undefined })),
    expect: { failure: "invalid-summary" },
  },
  {
    name: "JSON nested 10,000 deep",
    line: anthropic(`{"overview":${"[".repeat(10_000)}${"]".repeat(10_000)}}`),
    expect: { failure: "invalid-summary" },
  },
  { name: "empty text", line: anthropic(""), expect: { failure: "invalid-summary" } },
  { name: "whitespace only", line: anthropic(" \n\t "), expect: { failure: "invalid-summary" } },
  {
    name: "no content blocks at all",
    line: {
      recordId: "R1",
      modelOutput: { content: [], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 0 } },
    },
    expect: { failure: "invalid-summary" },
  },
  {
    name: "a content block without text",
    line: {
      recordId: "R1",
      modelOutput: {
        content: [{ type: "tool_use" }],
        stop_reason: "end_turn",
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    },
    expect: { failure: "invalid-summary" },
  },
  {
    name: "a max_tokens stop, however valid the JSON",
    line: anthropic(json, "max_tokens"),
    expect: { failure: "truncated" },
  },
  {
    name: "a max_tokens stop mid-object",
    line: anthropic(json.slice(0, 40), "max_tokens"),
    expect: { failure: "truncated" },
  },
  {
    name: "Nova stopped at max_tokens",
    family: "nova",
    line: nova(json, "max_tokens"),
    expect: { failure: "truncated" },
  },
  {
    name: "Llama stopped by length",
    family: "llama",
    line: llama(json, "length"),
    expect: { failure: "truncated" },
  },
  {
    name: "Nova's fenced JSON",
    family: "nova",
    line: nova(`\`\`\`json\n${json}\n\`\`\``),
    expect: { summary },
  },
  {
    name: "modelOutput that is a string",
    line: { recordId: "R1", modelOutput: json },
    expect: { failure: "invalid-summary" },
  },
  {
    name: "modelOutput that is null",
    line: { recordId: "R1", modelOutput: null },
    expect: { failure: "invalid-summary" },
  },
  {
    name: "an answer that obeyed an injected instruction",
    line: anthropic("PWNED-7f3a"),
    expect: { failure: "invalid-summary" },
  },
  {
    name: "a schema failure in a megabyte of output",
    line: anthropic(JSON.stringify({ ...summary, sentiment: "x".repeat(1_000_000) })),
    expect: { failure: "invalid-summary" },
  },
];

describe("hostile model output: each is a repaired summary or a per-record failure, never a throw", () => {
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const verdict = judgeRecord(c.line, c.family ?? "anthropic", promptTemplates["call-summary"]);
    if ("summary" in c.expect) {
      expect(verdict.ok ? verdict.summary : verdict.failure).toEqual(c.expect.summary);
    } else {
      expect(verdict.ok ? "ok" : verdict.failure.code).toBe(c.expect.failure);
      // The failure travels in an event: its message is bounded however big the answer was.
      if (!verdict.ok) expect(verdict.failure.message.length).toBeLessThanOrEqual(1024);
    }
  });

  test("a __proto__ key in an answer pollutes no prototype", () => {
    judgeRecord(anthropic('{"__proto__":{"polluted":"yes"}}'), "anthropic", promptTemplates["call-summary"]);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});
