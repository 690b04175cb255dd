import { captionCues, timestamp } from "./caption-cues.ts";
import type { RenderedCall } from "./rendered-call.ts";

const VOICES = { agent: "Agent", customer: "Customer" } as const;

/** Text in a cue is markup: `&` and `<` must be escaped. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** WebVTT captions, a voice span (`<v Agent>`) on every cue; some files number their cues, some don't. */
export function webvtt(call: RenderedCall): string {
  const numbered = call.random.chance(0.5);
  const cues = captionCues(call.lines).map((cue, index) => {
    const timing = `${timestamp(cue.startMs, ".")} --> ${timestamp(cue.endMs, ".")}`;
    const text = `<v ${VOICES[cue.line.speaker]}>${cue.textLines.map(escaped).join("\n")}`;
    return `${numbered ? `${index + 1}\n` : ""}${timing}\n${text}`;
  });
  return `WEBVTT\n\n${cues.join("\n\n")}\n`;
}
