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

test.skipIf(!existsSync(zipPath))(
  "answers every one of the 1,100 synthetic calls with a valid summary, through the Anthropic family (skipped: the shared samples folder is absent)",
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "synthetic-calls-"));
    try {
      execFileSync("unzip", ["-q", zipPath, "-d", dir]);
      const textual = join(dir, "textual");
      const calls = readdirSync(textual).map((name) => readFileSync(join(textual, name), "utf8"));
      expect(calls).toHaveLength(1100);

      const family = familyOf(modelId, "InvokeModel");
      expect(family).toBe("anthropic");
      const backend = createOfflineSummarizer();
      const resolutions = new Set<string>();
      const sentiments = new Set<string>();
      for (const call of calls) {
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
        resolutions.add(summary.resolution);
        sentiments.add(summary.sentiment);

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
      // A summarizer that answered the same whatever the call would pass the schema; this one reads the calls.
      expect(resolutions.size).toBeGreaterThanOrEqual(3);
      expect(sentiments.size).toBeGreaterThanOrEqual(3);
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
