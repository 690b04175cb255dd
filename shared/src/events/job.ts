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
    records: z.number().int().nonnegative(),
    endedAt: z.iso.datetime({ offset: true }),
  }),
  attributes: (d) => ({ modelId: d.modelId, profile: d.profile, kind: d.kind, status: d.status }),
});
