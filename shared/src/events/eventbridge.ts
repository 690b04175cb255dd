import { z } from "zod";

/**
 * Events that reach status-watcher from EventBridge rather than from Recap's own producers. They arrive in
 * AWS's shape, not in the Recap envelope, so they get schemas of their own.
 */
export const bedrockJobStateChangeSchema = z.object({
  source: z.literal("aws.bedrock"),
  "detail-type": z.literal("Batch Inference Job State Change"),
  id: z.string(),
  time: z.string(),
  detail: z.object({
    batchJobArn: z.string(),
    batchJobName: z.string(),
    batchModelId: z.string(),
    status: z.string(),
    failureMessage: z.string().optional(),
  }),
});
export type BedrockJobStateChange = z.infer<typeof bedrockJobStateChangeSchema>;

/** The safety-net poll: an EventBridge schedule that wakes status-watcher even if a state event was lost. */
export const scheduledPollSchema = z.object({
  source: z.literal("aws.events"),
  "detail-type": z.literal("Scheduled Event"),
  id: z.string(),
  time: z.string(),
});

export const BEDROCK_JOB_STATE_CHANGE_PATTERN = {
  source: ["aws.bedrock"],
  detailType: ["Batch Inference Job State Change"],
} as const;
