import { amount, byTone, type CallContext, plan } from "../call-context.ts";
import type { IntentScript, Outcome } from "./intent-script.ts";

type Subscription = { plan: string; price: string; reason: "moving" | "too expensive" | "not using it" };

export function cancellation(ctx: CallContext): IntentScript {
  const subscription: Subscription = {
    plan: plan(ctx),
    price: amount(ctx, 8, 90),
    reason: ctx.random.pick(["moving", "too expensive", "not using it"] as const),
  };
  return {
    intent: "cancellation",
    queue: "retention",
    issue: `Wants to cancel the ${subscription.plan} (${subscription.price} a month): ${subscription.reason}`,
    problem: problemOf(ctx, subscription),
    investigation: [
      {
        agent: `I can help with that. I see you're on the ${subscription.plan} at ${subscription.price} a month. May I ask why you'd like to cancel?`,
        customer: {
          moving: "I'm moving abroad next month, so I won't need it.",
          "too expensive": `Honestly, ${subscription.price} a month is too much for what I get.`,
          "not using it": "I just don't use it anymore. It's been months.",
        }[subscription.reason],
      },
      {
        agent:
          "I understand. Before I cancel, I can offer you three months at half price. Would that change your mind?",
        customer: byTone(ctx, {
          calm: ["That's kind, but no thank you.", "I appreciate it, but I've made up my mind."],
          angry: [
            "No. I just want to cancel. Please stop trying to sell me things.",
            "No offers. Cancel it.",
          ],
        }),
      },
      {
        agent: "Understood. Do you have any equipment from us that needs to come back?",
        customer: ctx.random.pick(["Just the modem, I think.", "No, nothing.", "Only the remote."]),
      },
    ],
    outcome: outcomeOf(ctx, subscription),
  };
}

function problemOf(ctx: CallContext, subscription: Subscription): string {
  return byTone(ctx, {
    calm: [
      `Hi, I'd like to cancel my ${subscription.plan}, please.`,
      `Hello. I'm calling to cancel my subscription.`,
      `Hi there, I've decided to end my ${subscription.plan} and wanted to do it properly.`,
    ],
    angry: [
      "I want to cancel my subscription. I've tried three times online and your site won't let me.",
      `I want to cancel the ${subscription.plan}. Today. Not next month, today.`,
      "Cancel my account. I'm done being charged for something I don't use.",
    ],
  });
}

function outcomeOf(ctx: CallContext, subscription: Subscription): Outcome {
  const confirmation = `CX${ctx.random.int(100000, 999999)}`;
  if (ctx.resolution === "resolved") {
    return {
      agent: `Done. Your ${subscription.plan} is cancelled at the end of this billing period, and your confirmation number is ${confirmation}.`,
      recap: `So no further charges after this period, and the confirmation ${confirmation} is in your e-mail.`,
      actionItems: [
        `Cancel the ${subscription.plan} at the end of the billing period`,
        `E-mail the customer confirmation ${confirmation}`,
      ],
    };
  }
  if (ctx.resolution === "escalated") {
    return {
      agent:
        "Your plan has a contract I can't end from here, so I'm sending this to our retention supervisor. They'll call you tomorrow to finish the cancellation.",
      recap: "So a retention supervisor will call you tomorrow to complete the cancellation.",
      actionItems: ["Retention supervisor to call the customer tomorrow and complete the cancellation"],
    };
  }
  const fee = amount(ctx, 40, 200);
  return {
    agent: `I'm sorry, the plan is still under contract, so cancelling today carries an early termination fee of ${fee}. I can't waive it.`,
    recap: `So if you'd like to go ahead despite the ${fee} fee, you can cancel in the app anytime.`,
    actionItems: [`Customer to decide whether to cancel and pay the ${fee} early termination fee`],
  };
}
