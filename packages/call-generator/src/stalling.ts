import type { CallContext } from "./call-context.ts";
import type { Line } from "./call-types.ts";
import { moodOfCustomer } from "./common-lines.ts";
import type { IntentScript } from "./intents/intent-script.ts";

/**
 * `count` exchanges of an agent fighting a slow system and a customer waiting: what makes a real call
 * run to hours, and here what makes a transcript too big to send inline.
 */
export function stallingExchanges(ctx: CallContext, script: IntentScript, count: number): Line[] {
  return Array.from({ length: count }, (): Line[] => {
    const [agent, customer] = ctx.random.pick<[string, string]>([
      [
        "Sorry, my screen has frozen again. Bear with me a moment longer.",
        ctx.tone === "angry" ? "This is taking forever." : "No problem, I'm still here.",
      ],
      ["The system is very slow today. Could you tell me the problem once more?", script.problem],
      ["I'm still waiting for your account to load, it shouldn't be long now.", "Okay, I'll wait."],
      [
        "The page has timed out, so I'm logging in again. Are you still with me?",
        ctx.tone === "angry" ? "Yes. Still here. Still waiting." : "Yes, still here.",
      ],
    ]);
    return [
      { speaker: "agent", text: agent, mood: "neutral" },
      { speaker: "customer", text: customer, mood: moodOfCustomer(ctx) },
    ];
  }).flat();
}
