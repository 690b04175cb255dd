import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { s3UriSchema } from "../ids.ts";

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
  description: "A batch inference job was created for a shard.",
  data: z.object({
    shardId: z.string().min(1).max(128),
    jobArn: z.string().min(1),
    jobName: z.string().min(1).max(63),
    modelId: z.string().min(1),
    inputUri: s3UriSchema,
    outputUri: s3UriSchema,
    records: z.number().int().positive(),
    submittedAt: z.iso.datetime({ offset: true }),
  }),
  attributes: (d) => ({ modelId: d.modelId }),
});

export const jobFinished = defineEvent({
  type: "job.finished",
  version: 1,
  topic: "Pipeline",
  description: "A batch job reached a terminal status; its slot is free and its output can be harvested.",
  data: z.object({
    shardId: z.string().min(1).max(128),
    jobArn: z.string().min(1),
    modelId: z.string().min(1),
    status: terminalJobStatusSchema,
    message: z.string().optional().describe("Bedrock's failure message, if any"),
    outputUri: s3UriSchema,
    endedAt: z.iso.datetime({ offset: true }),
  }),
  attributes: (d) => ({ modelId: d.modelId, status: d.status }),
});
