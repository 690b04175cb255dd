import { createHash } from "node:crypto";
import { createEvent, type Envelope, stableStringify, transcriptSubmitted } from "@recap/shared";
import type { EventDefect, GeneratedCall } from "./call-types.ts";

const PRODUCER = "call-generator";

/**
 * The `transcript.submitted` event for a call, stamped with when the call ended. Its id derives from the
 * transcript id and data (content included), as {@link createEvent} does, so publishing the set twice
 * sends identical messages. An `invalid-event` call gets its deliberately broken envelope instead.
 */
export function toSubmittedEvent(call: GeneratedCall): Envelope {
  const data = {
    transcriptId: call.transcriptId,
    content: call.content,
    ...(call.declaresFormat ? { format: call.format } : {}),
    ...(call.channel === "chat" ? { channel: "chat" as const } : {}),
    metadata: call.metadata,
  };
  const fields = { producer: PRODUCER, correlationId: call.transcriptId, time: new Date(call.endedAt) };
  if (!call.eventDefect) return createEvent(transcriptSubmitted, { ...fields, data });
  const broken = defective(data, call.eventDefect);
  return {
    id: createHash("sha256")
      .update(`${transcriptSubmitted.type}\n${call.transcriptId}\n${stableStringify(broken)}`)
      .digest("hex")
      .slice(0, 32),
    type: transcriptSubmitted.type,
    version: transcriptSubmitted.version,
    time: fields.time.toISOString(),
    producer: PRODUCER,
    correlationId: call.transcriptId,
    data: broken,
  };
}

/** The mistakes producers make: each fails the event's schema, the envelope itself stays readable. */
function defective(
  data: { transcriptId: string; content: string; metadata: Record<string, string> },
  defect: EventDefect,
) {
  switch (defect) {
    case "missing-transcript-id": {
      const { transcriptId: _, ...rest } = data;
      return rest;
    }
    case "malformed-transcript-id":
      return { ...data, transcriptId: `calls/${data.transcriptId} (copy)` };
    case "content-not-text":
      return { ...data, content: asStructure(data.content) };
    case "unknown-format-name":
      return { ...data, format: "vtt" };
    case "metadata-not-text":
      return {
        ...data,
        metadata: { ...data.metadata, agentId: Number(data.metadata.agentId?.replace(/\D/g, "") || 0) },
      };
  }
}

/** What a producer sends when it forgets to stringify: the JSON document itself, or text as a list of lines. */
function asStructure(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content.split(/\r?\n/).filter((line) => line.trim() !== "");
  }
}
