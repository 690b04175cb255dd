import { type CallContext, fullName, piiSaid } from "./call-context.ts";
import { type GroundTruth, HOLD_NOTE, type Line, type Mood, type Sentiment } from "./call-types.ts";
import {
  agentGoodbye,
  customerGoodbye,
  greeting,
  holdRequest,
  moodOfCustomer,
  reaction,
  verification,
  wrapUp,
} from "./common-lines.ts";
import type { Exchange, IntentScript } from "./intents/intent-script.ts";
import { stallingExchanges } from "./stalling.ts";

export type ComposedCall = { lines: Line[]; queue: string; truth: Omit<GroundTruth, "expectedRejection"> };

/**
 * The whole conversation: greeting, the customer's problem, verification, some of the intent's
 * investigation, maybe a hold, the outcome, the customer's reaction, a recap and goodbyes. Agent and
 * customer strictly alternate, so every line is one turn in every format. `stalls` adds that many
 * exchanges of a slow system to the middle: the way to a call too long to send inline.
 */
export function composeCall(ctx: CallContext, script: IntentScript, stalls = 0): ComposedCall {
  const angry = ctx.tone === "angry";
  const problem: Line = { speaker: "customer", text: script.problem, mood: moodOfCustomer(ctx) };
  if (angry && ctx.random.chance(0.4)) problem.notes = ["sighs"];
  const investigation = someInOrder(script.investigation, ctx).flatMap((exchange) =>
    exchangeLines(ctx, exchange),
  );
  const firstStep = investigation[0];
  if (firstStep && ctx.random.chance(0.3)) firstStep.notes = ["typing"];
  const holds = ctx.random.chance(0.3);
  const outcome: Line = {
    speaker: "agent",
    text: holds ? `Thank you for holding. ${script.outcome.agent}` : script.outcome.agent,
    mood: outcomeMood(ctx),
    ...(holds ? { notes: [HOLD_NOTE] } : {}),
  };
  const lines: Line[] = [
    greeting(ctx),
    problem,
    ...verification(ctx),
    ...investigation,
    ...stallingExchanges(ctx, script, stalls),
    ...(holds ? holdRequest(ctx) : []),
    outcome,
    reaction(ctx),
    wrapUp(ctx, script.outcome.recap),
    customerGoodbye(ctx),
    ...(ctx.random.chance(0.75) ? [agentGoodbye(ctx)] : []),
  ];
  return {
    lines,
    queue: script.queue,
    truth: {
      intent: script.intent,
      issue: script.issue,
      resolution: ctx.resolution,
      tone: ctx.tone,
      sentiment: sentimentOf(ctx),
      actionItems: script.outcome.actionItems,
      turns: lines.length,
      speakers: { agent: ctx.agent.first, customer: fullName(ctx.customer) },
      pii: piiSaid(ctx, lines.map((line) => line.text).join("\n")),
    },
  };
}

/** The customer's feeling over the whole call: where it started (tone) and where it ended (resolution). */
function sentimentOf(ctx: CallContext): Sentiment {
  if (ctx.tone === "calm") return ctx.resolution === "resolved" ? "positive" : "neutral";
  return ctx.resolution === "resolved" ? "mixed" : "negative";
}

function outcomeMood(ctx: CallContext): Mood {
  return ctx.resolution === "resolved"
    ? "positive"
    : ctx.resolution === "unresolved"
      ? "negative"
      : "neutral";
}

/** At least one of the items, the rest each kept by chance, in their original order. */
function someInOrder(exchanges: readonly Exchange[], ctx: CallContext): Exchange[] {
  const [first, ...rest] = exchanges;
  return first ? [first, ...rest.filter(() => ctx.random.chance(0.65))] : [];
}

function exchangeLines(ctx: CallContext, exchange: Exchange): Line[] {
  return [
    { speaker: "agent", text: exchange.agent, mood: "neutral" },
    { speaker: "customer", text: exchange.customer, mood: moodOfCustomer(ctx) },
  ];
}
