import type { CallContext } from "../call-context.ts";
import type { Intent } from "../call-types.ts";

/** An agent's question or step and the customer's answer, in the middle of the call. */
export type Exchange = { agent: string; customer: string };

/** How the call ends for the customer, as the agent says it, and what is left to do afterwards. */
export type Outcome = {
  agent: string;
  /** The agent's summary of next steps before saying goodbye. */
  recap: string;
  actionItems: string[];
};

/**
 * One intent's version of a call, already written for the context's tone and resolution. The
 * composer wraps it in the parts every call shares: greeting, verification, reactions, goodbyes.
 */
export type IntentScript = {
  intent: Intent;
  queue: string;
  issue: string;
  /** The customer's first words about the problem. */
  problem: string;
  /** In the order they would happen; the composer keeps a few of them, in that order. */
  investigation: Exchange[];
  outcome: Outcome;
};

export type ScriptWriter = (ctx: CallContext) => IntentScript;
