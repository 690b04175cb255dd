import { byTone, type CallContext, capitalized } from "../call-context.ts";
import type { IntentScript, Outcome } from "./intent-script.ts";

type Fault = { device: string; symptom: string; since: string };

const FAULTS: readonly Omit<Fault, "since">[] = [
  { device: "router", symptom: "the internet keeps dropping every few minutes" },
  { device: "mobile app", symptom: "the app crashes as soon as I open it" },
  { device: "set-top box", symptom: "the TV box is stuck on a black screen" },
  { device: "smart speaker", symptom: "the speaker won't connect to the wifi" },
];

export function technicalSupport(ctx: CallContext): IntentScript {
  const fault: Fault = {
    ...ctx.random.pick(FAULTS),
    since: ctx.random.pick(["since yesterday", "for three days", "since the last update", "all week"]),
  };
  const ticket = `TS-${ctx.random.int(10000, 99999)}`;
  return {
    intent: "technical-support",
    queue: "tech-support",
    issue: `${capitalized(fault.device)} fault ${fault.since}: ${fault.symptom.replace(/^the /, "")}`,
    problem: byTone(ctx, {
      calm: [
        `Hi, I'm having a problem, ${fault.symptom} ${fault.since}.`,
        `Hello. ${capitalized(fault.symptom)}, it's been like that ${fault.since}.`,
        `Hi there, I was hoping you could help. ${capitalized(fault.symptom)}.`,
      ],
      angry: [
        `${capitalized(fault.symptom)} ${fault.since}. I work from home, I can't keep doing this.`,
        `I'm paying for a service that doesn't work. ${capitalized(fault.symptom)}.`,
        `Third call this week. ${capitalized(fault.symptom)}, and nobody has fixed it.`,
      ],
    }),
    investigation: [
      {
        agent: `Let's take a look. Have you tried restarting the ${fault.device}?`,
        customer: byTone(ctx, {
          calm: ["Yes, twice. It helps for a minute and then it's back.", "I have, yes. No change."],
          angry: [
            "Of course I have. That's the first thing everyone says.",
            "Yes. Many times. It doesn't help.",
          ],
        }),
      },
      {
        agent: `Okay. I'm running a remote check on the ${fault.device} now. Can you tell me what the status light shows?`,
        customer: ctx.random.pick([
          "It's blinking orange.",
          "Solid red.",
          "There's no light at all.",
          "It flashes green, then goes off.",
        ]),
      },
      {
        agent: "Thanks. Are other devices in the house affected as well?",
        customer: ctx.random.pick([
          "Yes, everything.",
          "Just this one, as far as I can tell.",
          "I think so, my laptop too.",
        ]),
      },
      {
        agent: "And is the software up to date, as far as you know?",
        customer: ctx.random.pick([
          "It updated itself last night.",
          "I have no idea, honestly.",
          "I think so.",
        ]),
      },
    ],
    outcome: outcomeOf(ctx, fault, ticket),
  };
}

function outcomeOf(ctx: CallContext, fault: Fault, ticket: string): Outcome {
  if (ctx.resolution === "resolved") {
    return {
      agent: `I found it. The ${fault.device} was on an old firmware version, so I've pushed the update and reset it remotely. It should be working now.`,
      recap: `So the ${fault.device} is updated, and if it happens again just quote ticket ${ticket}.`,
      actionItems: [],
    };
  }
  if (ctx.resolution === "escalated") {
    return {
      agent: `This looks like a fault on the line rather than the ${fault.device}, so I've booked a technician visit under ticket ${ticket}. They'll call to confirm a time.`,
      recap: `So a technician will call you to arrange the visit, ticket ${ticket}.`,
      actionItems: [
        `Field technician to call the customer and schedule a visit for ticket ${ticket}`,
        "Check the line for a fault",
      ],
    };
  }
  return {
    agent: `I'm sorry, I can't find the cause from here. Could you try it with a different power cable tonight and call us back with ticket ${ticket}?`,
    recap: `So try another power cable tonight, and call back with ticket ${ticket} if it's still happening.`,
    actionItems: [
      `Customer to test the ${fault.device} with a different power cable and call back quoting ${ticket}`,
    ],
  };
}
