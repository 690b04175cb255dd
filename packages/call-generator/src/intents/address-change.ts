import { byTone, type CallContext, orderNumber, streetAddress } from "../call-context.ts";
import type { IntentScript, Outcome } from "./intent-script.ts";

export function addressChange(ctx: CallContext): IntentScript {
  const newAddress = ctx.sharesPii ? streetAddress(ctx, "new") : "the new place";
  const pendingOrder = ctx.random.chance(0.5) ? orderNumber(ctx) : undefined;
  const moveDay = ctx.random.pick(["this Friday", "next Monday", "the first of the month", "next week"]);
  return {
    intent: "address-change",
    queue: "accounts",
    issue: pendingOrder
      ? `Moving ${moveDay}; needs the address changed, including pending order ${pendingOrder}`
      : `Moving ${moveDay}; needs the account address changed`,
    problem: byTone(ctx, {
      calm: [
        `Hi, I'm moving ${moveDay} and need to update my address.`,
        "Hello, could you help me change the address on my account?",
        `Hi there. I've got a new address from ${moveDay}, and I want my deliveries to go there.`,
      ],
      angry: [
        "I changed my address online twice and it keeps going back to the old one. What is going on?",
        `I'm moving ${moveDay}, and your website won't save my new address. This is a mess.`,
        "Your system sent my last package to my old place. I need the address fixed properly this time.",
      ],
    }),
    investigation: [
      {
        agent: "Of course. What's the new address?",
        customer: ctx.sharesPii
          ? `It's ${newAddress}.`
          : "I'll read it from the lease, it's the apartment on the corner.",
      },
      {
        agent: "Should I change both the billing and the shipping address, or just shipping?",
        customer: ctx.random.pick([
          "Both, please.",
          "Just shipping for now.",
          "Both. Everything should go there.",
        ]),
      },
      pendingOrder
        ? {
            agent: `I also see order ${pendingOrder} hasn't shipped yet. Should that go to the new address too?`,
            customer: ctx.tone === "angry" ? "Obviously, yes." : "Yes please, that would be great.",
          }
        : {
            agent: "Would you like a text message when the change goes through?",
            customer: ctx.random.pick(["Sure, that would help.", "No, e-mail is fine."]),
          },
    ],
    outcome: outcomeOf(ctx, pendingOrder),
  };
}

function outcomeOf(ctx: CallContext, pendingOrder: string | undefined): Outcome {
  if (ctx.resolution === "resolved") {
    return {
      agent: pendingOrder
        ? `All set. The account now has the new address, and order ${pendingOrder} has been redirected there.`
        : "All set. The new address is saved and I've locked it so it won't revert.",
      recap:
        "So everything from today goes to the new address, and you'll get an e-mail confirming the change.",
      actionItems: pendingOrder
        ? [
            `Redirect order ${pendingOrder} to the new address`,
            "E-mail the customer a confirmation of the change",
          ]
        : ["E-mail the customer a confirmation of the address change"],
    };
  }
  if (ctx.resolution === "escalated") {
    return {
      agent:
        "The address keeps reverting because of a sync fault, so I've raised it with our technical team as urgent. They'll fix it and call you within two days.",
      recap: "So the technical team will correct the record and call you within two days.",
      actionItems: [
        "Technical team to fix the address sync fault on the account",
        "Call the customer back within two days",
      ],
    };
  }
  return {
    agent: pendingOrder
      ? `I've updated the account, but order ${pendingOrder} is already with the courier, so I can't redirect it. You'd need to collect it at the depot.`
      : "I'm sorry, the system won't accept that address, it fails the postal check. You'll need to confirm it with the post office first.",
    recap: pendingOrder
      ? "So please collect that one order from the depot, and everything after it goes to the new address."
      : "So once the post office confirms the address, call us back and we'll enter it.",
    actionItems: pendingOrder
      ? [`Customer to collect order ${pendingOrder} from the courier depot`]
      : ["Customer to confirm the new address with the post office and call back"],
  };
}
