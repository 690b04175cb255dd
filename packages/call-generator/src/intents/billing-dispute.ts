import {
  amount,
  byTone,
  type CallContext,
  capitalized,
  cardNumber,
  lastFour,
  spokenDate,
} from "../call-context.ts";
import type { IntentScript, Outcome } from "./intent-script.ts";

type Charge = { kind: "double charge" | "unexpected fee" | "price increase"; amount: string; date: string };

export function billingDispute(ctx: CallContext): IntentScript {
  const charge: Charge = {
    kind: ctx.random.pick(["double charge", "unexpected fee", "price increase"] as const),
    amount: amount(ctx, 9, 240),
    date: spokenDate(ctx, ctx.random.int(2, 20)),
  };
  const card = ctx.sharesPii ? `card number ${cardNumber(ctx)}` : `the card ending in ${lastFour(ctx)}`;
  return {
    intent: "billing-dispute",
    queue: "billing",
    issue: issueOf(charge),
    problem: problemOf(ctx, charge),
    investigation: [
      {
        agent: "I'm sorry about that. Which card was the charge made on?",
        customer: ctx.tone === "angry" ? `The same card as always. It's ${card}.` : `Sure, it's ${card}.`,
      },
      {
        agent: `I see the charge of ${charge.amount} from ${charge.date}. Did you make any other purchases that day?`,
        customer: byTone(ctx, {
          calm: ["No, nothing else that day.", "Not that I remember, no."],
          angry: ["No! That's the whole point.", "No, I did not. Why would I call otherwise?"],
        }),
      },
      {
        agent: "And have you already contacted your bank about it?",
        customer: ctx.random.pick([
          "Not yet, I wanted to ask you first.",
          "No, I'd rather sort it out with you.",
        ]),
      },
    ],
    outcome: outcomeOf(ctx, charge),
  };
}

function issueOf(charge: Charge): string {
  if (charge.kind === "double charge") return `Charged twice (${charge.amount}) on ${charge.date}`;
  if (charge.kind === "unexpected fee") return `Unexpected ${charge.amount} fee on the ${charge.date} bill`;
  return `Bill of ${charge.amount} on ${charge.date} is higher than the promised price`;
}

function problemOf(ctx: CallContext, charge: Charge): string {
  const what = {
    "double charge": `I was charged twice for the same thing on ${charge.date}, ${charge.amount} both times`,
    "unexpected fee": `there's a fee of ${charge.amount} on my ${charge.date} bill that I never agreed to`,
    "price increase": `my bill on ${charge.date} came to ${charge.amount}, which is more than the price I was promised`,
  }[charge.kind];
  return byTone(ctx, {
    calm: [
      `Hi, I'm calling about my bill. It looks like ${what}.`,
      `Hello. I think there's a mistake on my account, ${what}.`,
      `Hi there, I noticed that ${what}, and I'd like to understand why.`,
    ],
    angry: [
      `Yes, hi. I'm really not happy. ${capitalized(what)}, and I want it fixed today.`,
      `This is the second time I'm calling about this. ${capitalized(what)}. It's ridiculous.`,
      `I'm furious, honestly. ${capitalized(what)} and nobody told me anything.`,
    ],
  });
}

function outcomeOf(ctx: CallContext, charge: Charge): Outcome {
  const days = ctx.random.pick(["three to five", "five to seven", "seven to ten"]);
  if (ctx.resolution === "resolved") {
    return {
      agent: `You're right, that ${charge.kind} shouldn't be there. I've reversed the ${charge.amount}, and the refund will reach your card in ${days} business days.`,
      recap: `So the ${charge.amount} refund is on its way, and you'll get a confirmation e-mail within the hour.`,
      actionItems: [
        `Refund ${charge.amount} to the customer's card within ${days} business days`,
        "Send the customer a refund confirmation e-mail",
      ],
    };
  }
  if (ctx.resolution === "escalated") {
    return {
      agent: `I can't reverse a charge of ${charge.amount} myself, so I'm escalating this to our billing disputes team. A supervisor will call you back within two business days.`,
      recap: "So the disputes team has your case, and a supervisor will call you within two business days.",
      actionItems: [
        `Billing disputes team to review the ${charge.amount} charge from ${charge.date}`,
        "Supervisor to call the customer back within two business days",
      ],
    };
  }
  return {
    agent: `I've looked at the ${charge.amount} charge, and I'm afraid it matches the terms on your account, so I can't refund it today. If you send us your bank statement, we can look again.`,
    recap: "So if you send us a copy of your bank statement, we'll review the charge again.",
    actionItems: [`Customer to send a bank statement showing the ${charge.amount} charge`],
  };
}
