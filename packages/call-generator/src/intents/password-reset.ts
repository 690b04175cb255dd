import { byTone, type CallContext, capitalized, email, phone } from "../call-context.ts";
import type { IntentScript, Outcome } from "./intent-script.ts";

type Lockout = "locked out" | "no reset email" | "lost phone";

export function passwordReset(ctx: CallContext): IntentScript {
  const lockout = ctx.random.pick(["locked out", "no reset email", "lost phone"] as const);
  const address = ctx.sharesPii ? email(ctx) : "my usual address";
  const number = ctx.sharesPii ? phone(ctx) : "the one on my account";
  const attempts = ctx.random.int(3, 9);
  return {
    intent: "password-reset",
    queue: "account-security",
    issue: {
      "locked out": `Account locked after ${attempts} failed sign-in attempts`,
      "no reset email": "Password reset e-mail never arrives",
      "lost phone": "Cannot sign in: two-step codes go to a lost phone",
    }[lockout],
    problem: problemOf(ctx, lockout, attempts),
    investigation: [
      {
        agent: "Which e-mail address do you use to sign in?",
        customer: ctx.sharesPii
          ? `It's ${address}.`
          : "The same one I've always used, it should be on the account.",
      },
      {
        agent: "Thanks. And can you confirm the phone number we'd send a code to?",
        customer: byTone(ctx, {
          calm: [`Yes, it's ${number}.`, `Sure, ${number}.`],
          angry: [
            `It's ${number}. Which doesn't help if the codes never come.`,
            `It's ${number}, I already said that.`,
          ],
        }),
      },
      {
        agent: "When did you last sign in successfully?",
        customer: ctx.random.pick([
          "Maybe two weeks ago.",
          "Last month, I think.",
          "Yesterday morning, it was fine then.",
        ]),
      },
    ],
    outcome: outcomeOf(ctx),
  };
}

function problemOf(ctx: CallContext, lockout: Lockout, attempts: number): string {
  const what = {
    "locked out": `my account got locked after ${attempts} tries to sign in`,
    "no reset email": "I keep asking for a password reset and the e-mail never shows up",
    "lost phone": "I lost my phone, and now I can't get the sign-in codes",
  }[lockout];
  return byTone(ctx, {
    calm: [
      `Hi, I need some help getting into my account. ${capitalized(what)}.`,
      `Hello, ${what}. Could you help me reset my password?`,
      `Hi. I'm having trouble signing in, ${what}.`,
    ],
    angry: [
      `I've been trying for an hour. ${capitalized(what)}, and your website is useless.`,
      `I need to get into my account right now. ${capitalized(what)}. This is unacceptable.`,
      `Honestly, this is so frustrating. ${capitalized(what)} and I have bills to pay.`,
    ],
  });
}

function outcomeOf(ctx: CallContext): Outcome {
  if (ctx.resolution === "resolved") {
    return {
      agent:
        "I've unlocked the account and sent a reset link that's valid for thirty minutes. You should see it now.",
      recap:
        "So use the link to pick a new password, and you're back in. I'd also turn on the authenticator app.",
      actionItems: ["Customer to set a new password using the reset link within thirty minutes"],
    };
  }
  if (ctx.resolution === "escalated") {
    return {
      agent:
        "For your security I can't override the sign-in check myself. I'm passing this to our identity team, and they'll verify you and call back within 24 hours.",
      recap: "So the identity team will call you within 24 hours to verify you and restore access.",
      actionItems: [
        "Identity team to verify the customer and restore access",
        "Identity team to call the customer back within 24 hours",
      ],
    };
  }
  return {
    agent:
      "I'm sorry, but the details don't match what's on file, so I can't reset the password over the phone. You'd need to visit a store with photo ID.",
    recap: "So bring a photo ID to any store, and they can reset the account there.",
    actionItems: ["Customer to visit a store with photo ID to reset the password"],
  };
}
