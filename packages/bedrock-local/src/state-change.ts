import { randomUUID } from "node:crypto";
import type { Job } from "./job.ts";

/**
 * The event Bedrock puts on the account's default EventBridge bus when a batch job changes status, with
 * `creationTime` in Bedrock's own non-ISO form (`2026-11-22 10:00:00.123000+00:00`): consumers re-read the
 * job rather than trust the event's timestamps.
 */
export function stateChangeEvent(job: Job, region: string, account: string): Record<string, unknown> {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Batch Inference Job State Change",
    source: "aws.bedrock",
    account,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    region,
    resources: [job.jobArn],
    detail: {
      version: "0.0",
      accountId: account,
      batchJobName: job.jobName,
      batchJobArn: job.jobArn,
      batchModelId: job.modelId,
      status: job.status,
      ...(job.status === "Failed" && job.message ? { failureMessage: job.message } : {}),
      creationTime: job.submitTime.toISOString().replace("T", " ").replace("Z", "000+00:00"),
    },
  };
}
