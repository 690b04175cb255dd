/**
 * Recap's configuration: summary profiles, per-model batch quotas, sealing timings, the tail policy,
 * stuck-job thresholds and prices.
 * Edit it, then `npm start` (local) or `npx sst deploy` (AWS). Validated by shared/src/config/schema.ts;
 * the README's "Configuration" section explains every field. Tests and `recap dev --config <json>` override
 * it without editing this file.
 */
import { defineConfig } from "./shared/src/config/define.ts";

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** Bedrock's published defaults; the account's real values are read from Service Quotas when deployed. */
const bedrockDefaults = {
  minRecordsPerJob: 100,
  maxRecordsPerJob: 50_000,
  maxRecordsPerFile: 50_000,
  maxInputFileBytes: 200 * MB,
  maxJobInputBytes: 1 * GB,
  maxActiveJobs: 10,
};

export default defineConfig({
  profiles: {
    default: {
      description: "Claude 3 Haiku, Recap's structured JSON summary; text as received.",
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      prompt: "call-summary",
      maxOutputTokens: 800,
      temperature: 0,
      maxTranscriptTokens: 190_000,
      redactPii: false,
      tailPolicy: "on-demand",
      maxAttempts: 3,
    },
    redacted: {
      description: "As default, with personal data redacted before anything is stored.",
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      prompt: "call-summary",
      maxOutputTokens: 800,
      temperature: 0,
      maxTranscriptTokens: 190_000,
      redactPii: true,
      tailPolicy: "on-demand",
      maxAttempts: 3,
    },
    "nova-lite": {
      description: "Amazon Nova Lite, a cheaper model with a 300K-token window; structured JSON summary.",
      modelId: "amazon.nova-lite-v1:0",
      prompt: "call-summary",
      maxOutputTokens: 800,
      temperature: 0,
      maxTranscriptTokens: 290_000,
      redactPii: false,
      tailPolicy: "on-demand",
      maxAttempts: 3,
    },
    notebook: {
      description:
        "Exactly the reference notebook: Claude 3 Haiku, an accurate 250-word gender-neutral prose summary.",
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      prompt: "notebook",
      maxOutputTokens: 300,
      maxTranscriptTokens: 190_000,
      redactPii: false,
      tailPolicy: "on-demand",
      maxAttempts: 3,
    },
  },
  models: {
    "anthropic.claude-3-haiku-20240307-v1:0": { quotaName: "Claude 3 Haiku", quotas: bedrockDefaults },
    "amazon.nova-lite-v1:0": { quotaName: "Nova Lite V1", quotas: bedrockDefaults },
  },
  sealing: {
    // On AWS, waiting is cheap and small jobs are not: give a shard an hour to fill.
    maxWaitSeconds: 3_600,
    // Batch jobs usually finish within 24 hours; seal a day before the earliest deadline.
    deadlineLeadSeconds: 86_400,
  },
  submitting: {
    learnedQuotaTtlSeconds: 3_600,
    jobTimeoutHours: 72,
    throttle: { attempts: 6, baseDelayMs: 200, maxDelayMs: 10_000 },
  },
  watching: {
    // Bedrock queues jobs for hours when it is busy; a day in one status is worth a look, three are stuck.
    stuckAfterSeconds: {
      Submitted: 6 * 3_600,
      Validating: 6 * 3_600,
      Scheduled: 24 * 3_600,
      InProgress: 24 * 3_600,
      Stopping: 3_600,
    },
    stopStuckJobs: false,
  },
  // Public list prices (us-east-1); batch is half of on-demand. Check them before trusting a report's cost.
  prices: {
    "anthropic.claude-3-haiku-20240307-v1:0": {
      batch: { inputPerMillion: 0.125, outputPerMillion: 0.625 },
      onDemand: { inputPerMillion: 0.25, outputPerMillion: 1.25 },
      asOf: "2024-12-03",
      source: "https://aws.amazon.com/bedrock/pricing/",
    },
    "amazon.nova-lite-v1:0": {
      batch: { inputPerMillion: 0.03, outputPerMillion: 0.12 },
      onDemand: { inputPerMillion: 0.06, outputPerMillion: 0.24 },
      asOf: "2024-12-03",
      source: "https://aws.amazon.com/bedrock/pricing/",
    },
  },
  local: {
    // A development loop: a shard seals within seconds of the last arrival.
    sealing: { maxWaitSeconds: 2, deadlineLeadSeconds: 10 },
    submitting: { throttle: { attempts: 6, baseDelayMs: 50, maxDelayMs: 1_000 } },
  },
});
