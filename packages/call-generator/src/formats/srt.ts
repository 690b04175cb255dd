import { captionCues, timestamp } from "./caption-cues.ts";
import type { RenderedCall } from "./rendered-call.ts";

const LABELS = { agent: "Agent", customer: "Customer" } as const;

/** SRT subtitles: numbered cues, the speaker named at the start of each (`Agent: …`). */
export function srt(call: RenderedCall): string {
  const cues = captionCues(call.lines).map((cue, index) => {
    const timing = `${timestamp(cue.startMs, ",")} --> ${timestamp(cue.endMs, ",")}`;
    return `${index + 1}\n${timing}\n${LABELS[cue.line.speaker]}: ${cue.textLines.join("\n")}`;
  });
  return `${cues.join("\n\n")}\n`;
}
