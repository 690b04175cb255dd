import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { callSummarySchema } from "@recap/shared/events/summary";
import { expect, test } from "vitest";
import { familyOf, invokeFamily } from "./family.ts";
import { createOfflineSummarizer } from "./offline-summarizer.ts";

// The reference notebook's data set (aws-samples/amazon-bedrock-samples, MIT-0): 1,100 synthetic calls.
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const zipPath = join(repoRoot, "../shared/samples/synthetic-calls/synthetic_call_transcript_data.zip");
const modelId = "us.anthropic.claude-3-haiku-20240307-v1:0";

// The team's samples folder beside the repository, present in CI; where it is absent this reports as skipped.
const samplesAbsent = !existsSync(zipPath);

test.skipIf(samplesAbsent)(
  "answers all 1,100 synthetic calls with a valid summary through the Anthropic family; a call a supervisor joins is escalated, and a hand-read one is resolved and positive",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "synthetic-calls-"));
    try {
      execFileSync("unzip", ["-q", zipPath, "-d", dir]);
      const textual = join(dir, "textual");
      const calls = new Map(
        readdirSync(textual).map((name) => [name, readFileSync(join(textual, name), "utf8")]),
      );
      expect(calls.size).toBe(1100);

      const family = familyOf(modelId, "InvokeModel");
      expect(family).toBe("anthropic");
      const backend = createOfflineSummarizer();
      const summaries = new Map<string, { resolution: string; sentiment: string }>();
      for (const [name, call] of calls) {
        const json = await invokeFamily(
          "anthropic",
          backend,
          anthropicRequest(jsonPrompt(call), 1000),
          modelId,
        );
        if (!("modelOutput" in json)) throw new Error(`record failed: ${json.error.errorMessage}`);
        const output = json.modelOutput as { content: Array<{ text: string }>; stop_reason: string };
        expect(output.stop_reason).toBe("end_turn");
        const summary = callSummarySchema.parse(JSON.parse(output.content[0]?.text ?? ""));
        summaries.set(name, summary);

        const prose = await invokeFamily(
          "anthropic",
          backend,
          anthropicRequest(notebookPrompt(call), 300),
          modelId,
        );
        if (!("modelOutput" in prose)) throw new Error(`record failed: ${prose.error.errorMessage}`);
        expect(prose.usage.outputTokens).toBeGreaterThan(0);
        expect(prose.usage.outputTokens).toBeLessThanOrEqual(300);
      }
      // A summarizer that answered the same whatever the call would pass the schema; these check it reads them.
      // A supervisor taking a turn is escalation whatever else is said: 50 calls, counted by their labels.
      const joined = [...calls].filter(([, call]) => /^Supervisor[^:\n]{0,20}:/m.test(call)).map(([n]) => n);
      expect(joined).toHaveLength(50);
      for (const name of joined) expect(summaries.get(name)?.resolution, name).toBe("escalated");
      // Read by hand: the order is placed and the customer thanks the agent warmly ("absolutely wonderful").
      expect(summaries.get("0.txt")).toMatchObject({ resolution: "resolved", sentiment: "positive" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

function anthropicRequest(prompt: string, maxTokens: number) {
  return {
    anthropic_version: "bedrock-2023-05-31",
    max_tokens: maxTokens,
    messages: [{ role: "user", content: [{ type: "text", text: prompt }] }],
  };
}

function notebookPrompt(call: string): string {
  return `Write an accurate 250 word gender-neutral summary of the following text: <text>${call}</text>`;
}

function jsonPrompt(call: string): string {
  return `Summarize the customer call below. Respond with JSON only, with the keys overview, callReason, resolution, sentiment and actionItems.\n\n<transcript>\n${call}\n</transcript>`;
}
