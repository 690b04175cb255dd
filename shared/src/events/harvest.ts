import { z } from "zod";
import { defineEvent } from "../envelope.ts";
import { s3UriSchema } from "../ids.ts";
import { terminalJobStatusSchema } from "./job.ts";
import { shardIdSchema, shardKindSchema } from "./shard.ts";

/**
 * result-publisher's own work item. A finished job's output is split into byte ranges of its `.out` files;
 * each range is one message, so a 50,000-record job is harvested by several instances at once, and a crash
 * or a timeout repeats one range, not the job.
 */
export const harvestChunk = defineEvent({
  type: "harvest.chunk",
  version: 1,
  topic: "Pipeline",
  description:
    "One byte range of a finished job's output, to be harvested by any result-publisher instance " +
    "(result-publisher's own work queue).",
  data: z.object({
    shardId: shardIdSchema,
    jobArn: z.string().min(1),
    kind: shardKindSchema,
    modelId: z.string().min(1),
    profile: z.string(),
    status: terminalJobStatusSchema,
    recordMapUri: s3UriSchema,
    endedAt: z.iso.datetime({ offset: true }),
    chunk: z.number().int().nonnegative(),
    chunks: z.number().int().positive(),
    outputUri: s3UriSchema.describe("The .out file"),
    /** The chunk takes every line that starts at or after `start` and before `end`. */
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
  }),
  attributes: () => ({}),
});
