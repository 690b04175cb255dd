import { z } from "zod";

/**
 * A worker's event source mapping, as Lambda's would be configured on AWS: which queue, how many records
 * per invocation, how long to gather them, and how long an invocation may run. The stack hands it to each
 * worker process as JSON in one variable.
 */
export const eventSourceSchema = z.object({
  queueUrl: z.string(),
  queueArn: z.string(),
  batchSize: z.number().int().positive(),
  batchWindowSeconds: z.number().nonnegative(),
  timeoutSeconds: z.number().positive(),
});
export type EventSource = z.infer<typeof eventSourceSchema>;

export const EVENT_SOURCE_ENV = "RECAP_EVENT_SOURCE";
