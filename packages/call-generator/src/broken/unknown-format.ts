import type { CallFormat, GeneratedCall } from "../call-types.ts";
import type { Random } from "../random.ts";

type Utterance = { speaker: "agent" | "customer"; text: string };

const TEXT_FORMATS: readonly CallFormat[] = ["plain-text", "webvtt", "srt"];

/**
 * The call in a shape no supported format has. JSON formats: the conversation under keys nobody reads,
 * a list of strings, or the file cut off halfway through an upload. Text formats: an XML or HTML export.
 */
export function unknownFormatContent(
  call: GeneratedCall,
  said: readonly Utterance[],
  random: Random,
): string {
  if (TEXT_FORMATS.includes(call.format))
    return random.chance(0.5) ? xmlExport(call, said) : htmlExport(said);
  const variant = random.int(0, 2);
  if (variant === 0) {
    return JSON.stringify({
      conversation: {
        id: call.transcriptId,
        utterances: said.map((u) => ({ who: u.speaker, said: u.text })),
      },
    });
  }
  if (variant === 1) return JSON.stringify(said.map((u) => `${u.speaker}: ${u.text}`));
  return call.content.slice(0, Math.floor(call.content.length * random.between(0.3, 0.7)));
}

function xmlExport(call: GeneratedCall, said: readonly Utterance[]): string {
  const turns = said.map((u) => `  <turn speaker="${u.speaker}">${escaped(u.text)}</turn>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<call id="${call.transcriptId}">\n${turns.join("\n")}\n</call>\n`;
}

function htmlExport(said: readonly Utterance[]): string {
  const rows = said.map(
    (u) => `<p><b>${u.speaker === "agent" ? "Agent" : "Customer"}</b> ${escaped(u.text)}</p>`,
  );
  return `<!DOCTYPE html>\n<html><body>\n${rows.join("\n")}\n</body></html>\n`;
}

const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
