import { type Metadata, PoisonMessageError, type RecapEvent, type UnitOfWork } from "@recap/shared";
import type { Lane } from "./group-key.ts";

/** The events that bring a unit of work to the builder. */
export type ArrivalEvent = RecapEvent<"transcript.normalized" | "record.retrying">;
export const ARRIVAL_TYPES = ["transcript.normalized", "record.retrying"] as const;

/** A unit of work to enter, whichever event brought it: a first attempt, or a retry with its new attempt. */
export interface Arrival {
  unit: UnitOfWork;
  lane: Lane;
  transcriptUri: string;
  /** Carried to the record map, so that summary events can carry it as a filterable attribute. */
  language?: string;
  deadline?: string;
  metadata: Metadata;
}

export function arrivalOf(event: ArrivalEvent): Arrival {
  if (event.type === "transcript.normalized") {
    const { data } = event;
    return {
      unit: { transcriptId: data.transcriptId, version: data.version, profile: data.profile, attempt: 1 },
      lane: "first",
      transcriptUri: data.transcriptUri,
      language: data.language,
      ...(data.deadline ? { deadline: data.deadline } : {}),
      metadata: data.metadata,
    };
  }
  const { data } = event;
  // Attempt 1 is the first attempt's recordId: entering it again would be taken for a redelivery and dropped.
  if (data.unit.attempt < 2)
    throw new PoisonMessageError(
      `a retry's attempt must be 2 or more, not ${data.unit.attempt}`,
      "invalid-event",
    );
  return {
    unit: data.unit,
    lane: "retry",
    transcriptUri: data.transcriptUri,
    ...(data.language ? { language: data.language } : {}),
    ...(data.deadline ? { deadline: data.deadline } : {}),
    metadata: data.metadata,
  };
}
