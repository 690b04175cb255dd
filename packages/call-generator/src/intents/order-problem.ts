import { byTone, type CallContext, capitalized, orderNumber, product, spokenDate } from "../call-context.ts";
import type { IntentScript, Outcome } from "./intent-script.ts";

type Order = {
  problem: "damaged" | "late" | "wrong item";
  number: string;
  item: string;
  date: string;
  wantsRefund: boolean;
};

export function orderProblem(ctx: CallContext): IntentScript {
  const order: Order = {
    problem: ctx.random.pick(["damaged", "late", "wrong item"] as const),
    number: orderNumber(ctx),
    item: product(ctx),
    date: spokenDate(ctx, ctx.random.int(4, 25)),
    wantsRefund: ctx.random.chance(0.4),
  };
  return {
    intent: "order-problem",
    queue: "orders",
    issue: {
      damaged: `The ${order.item} in order ${order.number} arrived damaged`,
      late: `Order ${order.number} (${order.item}) placed on ${order.date} has not arrived`,
      "wrong item": `Order ${order.number} contained the wrong item instead of a ${order.item}`,
    }[order.problem],
    problem: problemOf(ctx, order),
    investigation: [
      {
        agent: "I can look into that. Do you have the order number?",
        customer: ctx.tone === "angry" ? `It's ${order.number}. Again.` : `Yes, it's ${order.number}.`,
      },
      order.problem === "late"
        ? {
            agent:
              "The tracking shows it left our warehouse but hasn't been scanned since. Has anyone left a note at your door?",
            customer: byTone(ctx, {
              calm: ["No, nothing at all.", "No note, and the neighbors haven't seen it either."],
              angry: ["No. Nothing. Like I said.", "No, and I stayed home two days waiting for it."],
            }),
          }
        : {
            agent: "Could you describe what you received?",
            customer:
              order.problem === "damaged"
                ? `The box was crushed and the ${order.item} is cracked down one side.`
                : `It's not a ${order.item} at all. Someone else's order, by the look of it.`,
          },
      {
        agent: "Did you still want the item, or would you prefer your money back?",
        customer: order.wantsRefund
          ? ctx.random.pick(["I'd rather have a refund at this point.", "Just my money back, please."])
          : ctx.random.pick(["I'd still like it, honestly.", "I still want it, yes."]),
      },
    ],
    outcome: outcomeOf(ctx, order),
  };
}

function problemOf(ctx: CallContext, order: Order): string {
  const what = {
    damaged: `the ${order.item} I ordered arrived damaged`,
    late: `I ordered a ${order.item} on ${order.date} and it still hasn't arrived`,
    "wrong item": `I ordered a ${order.item} and got something completely different`,
  }[order.problem];
  return byTone(ctx, {
    calm: [
      `Hi, I'm calling about an order. ${capitalized(what)}.`,
      `Hello. I have a problem with an order, ${what}.`,
      `Hi there. Unfortunately ${what}, so I'm hoping you can help.`,
    ],
    angry: [
      `I'm calling because ${what}, and frankly I'm fed up.`,
      `${capitalized(what)}. This is the last time I order from you.`,
      `Yes. ${capitalized(what)}, and I want to know what you're going to do about it.`,
    ],
  });
}

function outcomeOf(ctx: CallContext, order: Order): Outcome {
  if (ctx.resolution === "resolved" && order.wantsRefund) {
    const days = ctx.random.pick(["three to five", "five to seven"]);
    return {
      agent: `I've refunded order ${order.number} in full. It will be back on your card in ${days} business days, and you can keep or recycle the ${order.item}.`,
      recap: "So the full refund is processed, and the confirmation e-mail is on its way.",
      actionItems: [`Refund order ${order.number} in full within ${days} business days`],
    };
  }
  if (ctx.resolution === "resolved") {
    const days = ctx.random.int(2, 4);
    return {
      agent: `I've sent a replacement ${order.item} by express shipping, so it should be with you in ${days} days. No need to return the other one.`,
      recap: `So the replacement ships today, and you'll get the tracking number by e-mail.`,
      actionItems: [
        `Ship a replacement ${order.item} for order ${order.number} by express delivery`,
        "E-mail the customer the tracking number",
      ],
    };
  }
  if (ctx.resolution === "escalated") {
    return {
      agent: `I've opened a claim with our shipping partner for order ${order.number} and flagged it to my supervisor. They'll contact you within 48 hours with a decision.`,
      recap: "So the claim is open, and my supervisor will be in touch within 48 hours.",
      actionItems: [
        `Supervisor to review the shipping claim for order ${order.number}`,
        "Contact the customer within 48 hours with a decision",
      ],
    };
  }
  return {
    agent: `I'm sorry, but order ${order.number} is outside the 14 day window, so I can't replace it from here. You can still claim through the manufacturer's warranty.`,
    recap: "So the warranty claim form is on the manufacturer's website, and they handle it from there.",
    actionItems: ["Customer to file a warranty claim with the manufacturer"],
  };
}
