import { type ChatMessage, ModelInputError } from "./backend.ts";

/**
 * The turn-order rules Bedrock applies to Converse and Nova conversations, with Bedrock's own wording. A final
 * assistant message is allowed: it is a prefill that the model continues.
 */
export function assertConversationOrder(messages: readonly ChatMessage[]): void {
  if (messages[0]?.role !== "user") {
    throw new ModelInputError(
      "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
    );
  }
  for (let i = 1; i < messages.length; i++) {
    if (messages[i]?.role === messages[i - 1]?.role) {
      throw new ModelInputError(
        "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
      );
    }
  }
}
