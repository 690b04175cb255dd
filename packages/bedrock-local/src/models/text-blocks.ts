import { z } from "zod";
import type { ChatMessage } from "./backend.ts";

/**
 * The `[{text}]` content lists that Nova and Converse share. Only text is accepted: images, documents, tool
 * blocks and cache points fail the record with a message that says so, rather than being silently dropped.
 */
export const textBlocks = z
  .array(
    z.strictObject({
      text: z.string({ error: "only text content blocks are supported by the local emulator" }),
    }),
  )
  .min(1);

export const textMessages = z
  .array(z.strictObject({ role: z.enum(["user", "assistant"]), content: textBlocks }))
  .min(1);

export function joinText(blocks: ReadonlyArray<{ text: string }>): string {
  return blocks.map((block) => block.text).join("\n");
}

export function chatMessagesOf(messages: z.output<typeof textMessages>): ChatMessage[] {
  return messages.map((m) => ({ role: m.role, text: joinText(m.content) }));
}
