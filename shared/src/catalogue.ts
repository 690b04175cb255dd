import type { EventDefinition, EventOf } from "./envelope.ts";
import { harvestChunk } from "./events/harvest.ts";
import { jobFinished, jobProgressed, jobReported, jobStuck, jobSubmitted } from "./events/job.ts";
import { recordRetrying } from "./events/record.ts";
import { shardRefused, shardSealed } from "./events/shard.ts";
import { summaryFailed, summaryReady } from "./events/summary.ts";
import { transcriptNormalized, transcriptRejected, transcriptSubmitted } from "./events/transcript.ts";

/** Every Recap event, by type. The topology and the README's event catalogue are derived from this. */
export const catalogue = {
  "transcript.submitted": transcriptSubmitted,
  "transcript.normalized": transcriptNormalized,
  "transcript.rejected": transcriptRejected,
  "shard.sealed": shardSealed,
  "shard.refused": shardRefused,
  "job.submitted": jobSubmitted,
  "job.progressed": jobProgressed,
  "job.stuck": jobStuck,
  "job.finished": jobFinished,
  "job.reported": jobReported,
  "harvest.chunk": harvestChunk,
  "record.retrying": recordRetrying,
  "summary.ready": summaryReady,
  "summary.failed": summaryFailed,
} as const satisfies Record<string, EventDefinition>;

export type EventType = keyof typeof catalogue;
export type RecapEvent<T extends EventType = EventType> = { [K in T]: EventOf<(typeof catalogue)[K]> }[T];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(catalogue, type);
}
