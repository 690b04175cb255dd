import { byTone, type CallContext, email, fullName, phone, streetAddress } from "./call-context.ts";
import type { Line } from "./call-types.ts";

/* The lines every call has whatever its intent: hello, who are you, how did that land, goodbye. */

export function greeting(ctx: CallContext): Line {
  const text = ctx.random.pick([
    `Thank you for calling ${ctx.company}, this is ${ctx.agent.first}. How can I help you today?`,
    `Hello, ${ctx.company} customer care, ${ctx.agent.first} speaking.`,
    `Hi, you're through to ${ctx.company}. My name is ${ctx.agent.first}, what can I do for you?`,
    `${ctx.company} support, this is ${ctx.agent.first}. How can I help?`,
  ]);
  return { speaker: "agent", text, mood: "positive" };
}

function verificationRequest(ctx: CallContext, asks: string): Line {
  const opener = byTone(ctx, {
    calm: ["I can help with that.", "Sure, let's get that sorted.", "No problem at all."],
    angry: [
      "I'm really sorry about this, I understand how frustrating it is.",
      "I apologize, that shouldn't have happened. Let me fix it.",
      "I hear you, and I'm sorry you've had to call about this.",
    ],
  });
  return {
    speaker: "agent",
    text: `${opener} First, could I have your full name and ${asks}?`,
    mood: "neutral",
  };
}

/** What the agent asks to identify the caller, and how the caller answers; some answers are personal data. */
export function verification(ctx: CallContext): [Line, Line] {
  const name = fullName(ctx.customer);
  const [asks, answer] = ctx.sharesPii
    ? ctx.random.pick<() => [string, string]>([
        () => ["the phone number on the account", `my number is ${phone(ctx)}`],
        () => ["the e-mail address on the account", `my e-mail is ${email(ctx)}`],
        () => ["the billing address", `the address is ${streetAddress(ctx)}`],
      ])()
    : ctx.random.pick<[string, string]>([
        ["your account number", `the account number is ${ctx.random.int(10_000_000, 99_999_999)}`],
        ["the postcode on the account", `the postcode is ${ctx.random.int(10_000, 99_999)}`],
      ]);
  const reply = byTone(ctx, {
    calm: [`Sure. It's ${name}, and ${answer}.`, `Yes, ${name}. And ${answer}.`],
    angry: [`Fine. ${name}, and ${answer}.`, `${name}. And ${answer}. Can we hurry this up?`],
  });
  return [verificationRequest(ctx, asks), { speaker: "customer", text: reply, mood: moodOfCustomer(ctx) }];
}

/** Asked while the agent looks something up; the call goes quiet, which the timeline turns into a hold. */
export function holdRequest(ctx: CallContext): [Line, Line] {
  return [
    {
      speaker: "agent",
      text: ctx.random.pick([
        "Let me check that with my team. Could you hold for a moment?",
        "I need to look into this further. Do you mind if I put you on a brief hold?",
      ]),
      mood: "neutral",
    },
    {
      speaker: "customer",
      text: byTone(ctx, {
        calm: ["Sure, no problem.", "Of course."],
        angry: ["Again? Fine.", "Okay. Be quick."],
      }),
      mood: moodOfCustomer(ctx),
    },
  ];
}

export function reaction(ctx: CallContext): Line {
  const lines = {
    calm: {
      resolved: ["That's great, thank you so much.", "Perfect, thanks for sorting that out."],
      unresolved: ["Okay, that's disappointing, but I understand.", "Oh. Alright, I'll do that then."],
      escalated: ["Okay, I'll wait for the call then.", "Alright, thanks for passing it on."],
    },
    angry: {
      resolved: ["Well, finally. Thank you, I suppose.", "Okay. That's all I wanted. Thanks."],
      unresolved: ["That's not good enough. I'm really disappointed.", "So I called for nothing. Great."],
      escalated: ["Another wait. Fine, but someone had better call.", "I've heard that before. We'll see."],
    },
  }[ctx.tone][ctx.resolution];
  const mood = ctx.resolution === "resolved" ? (ctx.tone === "calm" ? "positive" : "neutral") : "negative";
  return { speaker: "customer", text: ctx.random.pick(lines), mood };
}

export function wrapUp(ctx: CallContext, recap: string): Line {
  const question = ctx.random.pick([
    "Is there anything else I can help you with?",
    "Anything else I can do for you today?",
    "Is there anything else today?",
  ]);
  return { speaker: "agent", text: `${recap} ${question}`, mood: "neutral" };
}

export function customerGoodbye(ctx: CallContext): Line {
  if (ctx.tone === "angry" && ctx.resolution !== "resolved") {
    return {
      speaker: "customer",
      text: ctx.random.pick(["No. Goodbye.", "No, that's it."]),
      mood: "negative",
    };
  }
  const text = ctx.random.pick([
    `No, that's everything. Thanks, ${ctx.agent.first}.`,
    "No, that's all. Thank you.",
    "That's it, thanks for your help.",
  ]);
  return { speaker: "customer", text, mood: ctx.tone === "calm" ? "positive" : "neutral" };
}

export function agentGoodbye(ctx: CallContext): Line {
  const text =
    ctx.tone === "angry" && ctx.resolution !== "resolved"
      ? "I'm sorry I couldn't do more today. Take care."
      : ctx.random.pick([
          `Thank you for calling ${ctx.company}. Have a great day.`,
          `You're welcome, ${ctx.customer.first}. Have a good one.`,
          "Thanks for your patience. Bye now.",
        ]);
  return { speaker: "agent", text, mood: "positive" };
}

export const moodOfCustomer = (ctx: CallContext) => (ctx.tone === "angry" ? "negative" : "neutral");
