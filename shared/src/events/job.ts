import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { s3UriSchema } from "../ids.ts";
import { shardIdSchema, shardKindSchema } from "./shard.ts";

/** Bedrock batch statuses after which a job never changes again. */
export const terminalJobStatusSchema = z.enum([
  "Completed",
  "PartiallyCompleted",
  "Failed",
  "Stopped",
  "Expired",
]);

/** Bedrock's live record counts, where GetModelInvocationJob reports them. */
export const jobRecordCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  processed: z.number().int().nonnegative(),
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type JobRecordCounts = z.infer<typeof jobRecordCountsSchema>;

export const jobSubmitted = defineEvent({
  type: "job.submitted",
  version: 1,
  topic: "Pipeline",
  description: "A batch inference job was created for a shard (or its on-demand run began).",
  data: z.object({
    shardId: shardIdSchema,
    kind: shardKindSchema,
    jobArn: z.string().min(1).describe("The batch job's ARN; for an on-demand run, a recap: URN naming it"),
    jobName: z.string().min(1).max(63),
    modelId: z.string().min(1),
    profile: z.string(),
    inputUri: s3UriSchema,
    outputUri: s3UriSchema,
    recordMapUri: s3UriSchema,
    records: z.number().int().positive(),
    submittedAt: z.iso.datetime({ offset: true }),
    earliestDeadline: z.iso.datetime({ offset: true }).optional(),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, kind: d.kind }),
});

export const jobFinished = defineEvent({
  type: "job.finished",
  version: 1,
  topic: "Pipeline",
  description: "A batch job (or on-demand run) reached a terminal status; its output can be harvested.",
  data: z.object({
    shardId: shardIdSchema,
    kind: shardKindSchema,
    jobArn: z.string().min(1),
    modelId: z.string().min(1),
    profile: z.string(),
    status: terminalJobStatusSchema,
    message: z.string().optional().describe("Bedrock's failure message, if any"),
    outputUri: s3UriSchema.describe("The folder holding the job's .out files and manifest.json.out"),
    recordMapUri: s3UriSchema,
    records: z.number().int().nonnegative().describe("Records in the shard"),
    counts: jobRecordCountsSchema
      .optional()
      .describe("Bedrock's record counts at the end, where it reports them"),
    endedAt: z.iso.datetime({ offset: true }),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, kind: d.kind, status: d.status }),
});

/** Which job, of which shard, model and profile: what every job observation starts with. */
const jobOfShardSchema = z.object({
  shardId: shardIdSchema,
  jobArn: z.string().min(1),
  modelId: z.string().min(1),
  profile: z.string(),
});

export const jobProgressed = defineEvent({
  type: "job.progressed",
  version: 1,
  topic: "Pipeline",
  description: "A batch job's status or live record counts changed (for the CLI and dashboards).",
  data: jobOfShardSchema.extend({
    status: z.string().min(1),
    previousStatus: z.string().optional(),
    counts: jobRecordCountsSchema.optional(),
    observedAt: z.iso.datetime({ offset: true }),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, status: d.status }),
});

export const jobStuck = defineEvent({
  type: "job.stuck",
  version: 1,
  topic: "Pipeline",
  description:
    "A batch job has stayed in one non-terminal status longer than its configured threshold; if the " +
    "configuration says so, status-watcher has asked Bedrock to stop it (its output is then harvested).",
  data: jobOfShardSchema.extend({
    status: z.string().min(1),
    since: z.iso.datetime({ offset: true }),
    thresholdSeconds: z.number().int().positive(),
    stopRequested: z.boolean(),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, status: d.status }),
});

const tokensSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
});

export const jobReported = defineEvent({
  type: "job.reported",
  version: 1,
  topic: "Pipeline",
  description:
    "A finished job is harvested: its records by outcome, its tokens (Bedrock's manifest against the " +
    "records), and what it cost against what on-demand would have cost.",
  data: z.object({
    shardId: shardIdSchema,
    kind: shardKindSchema,
    jobArn: z.string().min(1),
    modelId: z.string().min(1),
    profile: z.string(),
    status: terminalJobStatusSchema,
    reportUri: s3UriSchema,
    records: z.object({
      total: z.number().int().nonnegative(),
      summarized: z.number().int().nonnegative(),
      retrying: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      byFailure: z.record(z.string(), z.number().int().nonnegative()),
    }),
    tokens: z.object({
      records: tokensSchema,
      manifest: tokensSchema.optional().describe("From manifest.json.out, when the job wrote one"),
      agree: z.boolean().optional(),
    }),
    cost: z.object({
      currency: z.literal("USD"),
      actual: z.number().nonnegative().describe("At the batch price (or on-demand, for an on-demand run)"),
      onDemand: z.number().nonnegative().describe("The same tokens at the on-demand price"),
      saving: z.number(),
      pricesAsOf: z.string().optional(),
    }),
    harvestedAt: z.iso.datetime({ offset: true }),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, kind: d.kind, status: d.status }),
});
